// Samples a process's RSS from /proc on a fixed period, its CPU time and its main thread's wait for a CPU.
import { readdirSync, readFileSync } from 'node:fs'
import { readCpuMicros, readRssBytes } from '../e2e/proc-stats.js'

/** What one sampled span saw. */
export interface ProcSample {
  /** VmRSS readings, bytes, one per period (plus one at the end). */
  rss: number[]
  /** Most file descriptors open at once (sockets, mostly), sampled with the RSS. */
  peakFds: number
  /** CPU time (user + system, all threads) over wall time: 1 = one core busy all along. */
  cpuShare: number
  /**
   * Time the main thread (the event loop) was runnable but waiting for a CPU, over wall time
   * (`run_delay` of /proc/<pid>/schedstat): well above 0 means other processes held its core.
   */
  runQueueShare: number
  wallMs: number
}

/** Nanoseconds the main thread of `pid` has spent runnable but not running; 0 where the kernel does not say. */
function readRunDelayNs(pid: number): number {
  try {
    return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[1] ?? 0)
  } catch {
    return 0
  }
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
  const countFds = () => readdirSync(`/proc/${pid}/fd`).length
  let peakFds = countFds()
  const cpuBefore = readCpuMicros(pid)
  const delayBefore = readRunDelayNs(pid)
  const wallBefore = performance.now()
  const timer = setInterval(() => {
    rss.push(readRssBytes(pid))
    peakFds = Math.max(peakFds, countFds())
  }, periodMs)
  return {
    stop() {
      clearInterval(timer)
      rss.push(readRssBytes(pid))
      const wallMs = performance.now() - wallBefore
      return {
        rss,
        peakFds,
        cpuShare: (readCpuMicros(pid) - cpuBefore) / 1_000 / wallMs,
        runQueueShare: (readRunDelayNs(pid) - delayBefore) / 1e6 / wallMs,
        wallMs,
      }
    },
  }
}
