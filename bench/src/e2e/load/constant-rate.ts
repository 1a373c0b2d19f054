// Open-loop load at a fixed request rate: requests leave on schedule whether or not earlier ones
// have answered, so a slow server cannot slow the sender (no coordinated omission).
import { performance } from 'node:perf_hooks'
import { Pool } from 'undici'
import { type SampleSummary, summarize } from '../../shared/stats.js'

/** Options for {@link runConstantRate}. */
export interface ConstantRateOptions {
  url: string
  body: string
  authorization?: string
  /** Per-request Authorization (e.g. keys in rotation); overrides `authorization`. */
  authorizationAt?: (index: number) => string
  requestsPerSecond: number
  durationSeconds: number
  /** Leading seconds whose samples are dropped (connection set-up, JIT). Default 1. */
  warmupSeconds?: number
}

/** Latency distribution of one constant-rate run, in milliseconds. */
export interface ConstantRateResult {
  requestsPerSecond: number
  sent: number
  completed: number
  errors: number
  /** From handing the request to the client to the last response byte. */
  service: SampleSummary
  /** From the scheduled send time to the last byte: adds the sender's own timer lag. */
  corrected: SampleSummary
  /** The `service` samples themselves (warm-up dropped), to pool several runs' percentiles. */
  serviceSamples: Float64Array
}

// Node timers fire at ~1 ms granularity: each tick sends every request that is due.
const tickMs = 1

/**
 * Sends `requestsPerSecond × durationSeconds` POSTs on schedule and measures each to its last byte.
 *
 * @example
 * const result = await runConstantRate({ url, body, requestsPerSecond: 1_000, durationSeconds: 15 })
 */
export async function runConstantRate(options: ConstantRateOptions): Promise<ConstantRateResult> {
  const target = new URL(options.url)
  const pool = new Pool(target.origin, { connections: 256, pipelining: 1 })
  const total = Math.round(options.requestsPerSecond * options.durationSeconds)
  const skipped = Math.min(total, Math.round(options.requestsPerSecond * (options.warmupSeconds ?? 1)))
  const intervalMs = 1_000 / options.requestsPerSecond
  const service = new Float64Array(total).fill(Number.NaN)
  const corrected = new Float64Array(total).fill(Number.NaN)
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (options.authorization !== undefined) headers.authorization = options.authorization
  const authorizationAt = options.authorizationAt
  let sent = 0
  let completed = 0
  let errors = 0
  let finish: () => void = () => undefined
  const allDone = new Promise<void>((resolve) => {
    finish = resolve
  })

  const settle = () => {
    completed += 1
    if (completed === total) finish()
  }
  const send = (index: number, scheduledAt: number) => {
    const startedAt = performance.now()
    pool
      .request({
        path: target.pathname,
        method: 'POST',
        headers:
          authorizationAt === undefined ? headers : { ...headers, authorization: authorizationAt(index) },
        body: options.body,
      })
      .then(async ({ statusCode, body }) => {
        for await (const _chunk of body) {
          // Drained to the last byte: latency is to the end of the response.
        }
        const endedAt = performance.now()
        if (statusCode !== 200) errors += 1
        service[index] = endedAt - startedAt
        corrected[index] = endedAt - scheduledAt
      })
      .catch(() => {
        errors += 1
      })
      .finally(settle)
  }

  const startedAt = performance.now()
  const tick = () => {
    const due = Math.min(total, Math.floor((performance.now() - startedAt) / intervalMs) + 1)
    while (sent < due) {
      send(sent, startedAt + sent * intervalMs)
      sent += 1
    }
    if (sent < total) setTimeout(tick, tickMs)
  }
  tick()

  const deadline = setTimeout(finish, (options.durationSeconds + 15) * 1_000)
  await allDone
  clearTimeout(deadline)
  await pool.destroy()
  const kept = (samples: Float64Array) => samples.subarray(skipped).filter((value) => !Number.isNaN(value))
  const serviceSamples = kept(service)
  return {
    requestsPerSecond: options.requestsPerSecond,
    sent,
    completed,
    errors,
    service: summarize(serviceSamples),
    corrected: summarize(kept(corrected)),
    serviceSamples,
  }
}
