// Load for `bench:budgets`: a closed loop (CPU per request) and a constant rate (latency at 1k req/s).
import { performance } from 'node:perf_hooks'
import { Pool } from 'undici'

const body = JSON.stringify({
  model: 'gpt-4o-mini',
  max_tokens: 16,
  messages: [{ role: 'user', content: 'Summarise the quarterly report in two sentences, please.' }],
})

/** Sends one chat completion; resolves to its latency in ms (throws on a non-200). */
async function send(pool: Pool, key: string): Promise<number> {
  const started = performance.now()
  const response = await pool.request({
    method: 'POST',
    path: '/v1/chat/completions',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body,
  })
  await response.body.dump()
  if (response.statusCode !== 200) throw new Error(`status ${response.statusCode}`)
  return performance.now() - started
}

/**
 * `requests` requests, `concurrency` at a time, on one key; resolves to the number that failed
 * (a busy host can time the upstream out: counted and reported, not fatal).
 *
 * @example
 * const errors = await closedLoop(pool, key, 5_000, 16)
 */
export async function closedLoop(
  pool: Pool,
  key: string,
  requests: number,
  concurrency: number,
): Promise<number> {
  let next = 0
  let errors = 0
  const worker = async () => {
    while (next < requests) {
      next += 1
      await send(pool, key).catch(() => {
        errors += 1
      })
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  return errors
}

/** Latencies of a constant-rate run. */
export interface RateResult {
  latenciesMs: number[]
  achievedPerSecond: number
  errors: number
}

/**
 * Sends `perSecond` requests a second for `seconds` (open loop: a slow answer does not slow the
 * sending), in batches every 10 ms.
 *
 * @example
 * const { latenciesMs } = await constantRate(pool, key, 1_000, 10)
 */
export async function constantRate(
  pool: Pool,
  key: string,
  perSecond: number,
  seconds: number,
): Promise<RateResult> {
  const latenciesMs: number[] = []
  let errors = 0
  const inFlight: Promise<void>[] = []
  const started = performance.now()
  const total = perSecond * seconds
  let sent = 0
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * perSecond))
    for (; sent < due; sent += 1) {
      inFlight.push(
        send(pool, key).then(
          (ms) => {
            latenciesMs.push(ms)
          },
          () => {
            errors += 1
          },
        ),
      )
    }
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  await Promise.all(inFlight)
  return { latenciesMs, achievedPerSecond: total / ((performance.now() - started) / 1000), errors }
}

/** A pool of keep-alive connections to `url`. */
export function createPool(url: string): Pool {
  return new Pool(url, { connections: 128, pipelining: 1 })
}
