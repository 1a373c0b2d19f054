// Samples a process's RSS from /proc on a fixed period and its CPU time over the same span.
import { readCpuMicros, readRssBytes } from '../e2e/proc-stats.js'

/** What one sampled span saw. */
export interface ProcSample {
  /** VmRSS readings, bytes, one per period (plus one at the end). */
  rss: number[]
  /** CPU time (user + system, all threads) over wall time: 1 = one core busy all along. */
  cpuShare: number
  wallMs: number
}

/** A running sampler; `stop` ends it and returns what it saw. */
export interface ProcSampler {
  stop(): ProcSample
}

/**
 * Starts sampling `pid`'s RSS every `periodMs` and its CPU time over the whole span.
 *
 * @example
 * const sampler = sampleProcess(gatewayPid, 250)
 * await load()
 * const { rss, cpuShare } = sampler.stop()
 */
export function sampleProcess(pid: number, periodMs: number): ProcSampler {
  const rss: number[] = [readRssBytes(pid)]
  const cpuBefore = readCpuMicros(pid)
  const wallBefore = performance.now()
  const timer = setInterval(() => rss.push(readRssBytes(pid)), periodMs)
  return {
    stop() {
      clearInterval(timer)
      rss.push(readRssBytes(pid))
      const wallMs = performance.now() - wallBefore
      return { rss, cpuShare: (readCpuMicros(pid) - cpuBefore) / 1_000 / wallMs, wallMs }
    },
  }
}
