// Closed-loop maximum throughput with wrk (-t 1): one POST body, parsed from the script's JSON line.
import { fileURLToPath } from 'node:url'
import { type Pinning, spawnChild } from '../processes.js'

/** What one wrk run reports. */
export interface WrkResult {
  requests: number
  seconds: number
  requestsPerSecond: number
  /** Connect, read, write, timeout and non-2xx/3xx responses together. */
  errors: number
  p50Ms: number
  p99Ms: number
}

/** Options for {@link runWrk}. */
export interface WrkOptions {
  url: string
  body: string
  authorization?: string
  connections: number
  durationSeconds: number
  pinning: Pinning
  /** Core for wrk when pinning. */
  core: number
}

const scriptPath = fileURLToPath(new URL('./post-chat.lua', import.meta.url))

interface WrkLine {
  requests: number
  durationUs: number
  connectErrors: number
  readErrors: number
  writeErrors: number
  statusErrors: number
  timeouts: number
  p50Us: number
  p99Us: number
}

/**
 * Runs wrk with one thread for `durationSeconds` and parses its summary.
 *
 * @example
 * const result = await runWrk({ url: `${base}/v1/chat/completions`, body, connections: 32, durationSeconds: 15, pinning, core: 0 })
 */
export async function runWrk(options: WrkOptions): Promise<WrkResult> {
  const duration = Math.max(1, Math.round(options.durationSeconds))
  const wrk = spawnChild({
    name: 'wrk',
    command: 'wrk',
    args: [
      '-t',
      '1',
      '-c',
      String(options.connections),
      '-d',
      `${duration}s`,
      '--timeout',
      '5s',
      '-s',
      scriptPath,
      options.url,
    ],
    env: { BENCH_BODY: options.body, BENCH_AUTH: options.authorization ?? '' },
    core: options.core,
    pinning: options.pinning,
  })
  const [, json] = await wrk.waitForLine(/^BENCH_WRK (\{.*\})$/, (duration + 20) * 1_000)
  await wrk.stop()
  const line = JSON.parse(json ?? '{}') as WrkLine
  const seconds = line.durationUs / 1e6
  return {
    requests: line.requests,
    seconds,
    requestsPerSecond: line.requests / seconds,
    errors: line.connectErrors + line.readErrors + line.writeErrors + line.statusErrors + line.timeouts,
    p50Ms: line.p50Us / 1_000,
    p99Ms: line.p99Us / 1_000,
  }
}
