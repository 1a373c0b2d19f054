// Time to the first SSE body byte over sequential streaming requests (one at a time, no queueing).
import { performance } from 'node:perf_hooks'
import { Pool } from 'undici'
import { type SampleSummary, summarize } from '../../shared/stats.js'

/** Options for {@link measureFirstByte}. */
export interface FirstByteOptions {
  url: string
  /** A chat body with `"stream": true`. */
  body: string
  authorization?: string
  requests: number
  /** Upper bound on the whole measurement. */
  timeoutSeconds: number
}

/** First-byte and whole-stream times in milliseconds. */
export interface FirstByteResult {
  firstByte: SampleSummary
  wholeStream: SampleSummary
  errors: number
}

/**
 * Sends `requests` streaming requests one after another and times each one's first body chunk.
 * The first tenth is a warm-up and is not counted.
 *
 * @example
 * const result = await measureFirstByte({ url, body: streamingBody, requests: 1_000, timeoutSeconds: 30 })
 */
export async function measureFirstByte(options: FirstByteOptions): Promise<FirstByteResult> {
  const target = new URL(options.url)
  const pool = new Pool(target.origin, { connections: 1, pipelining: 1 })
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'text/event-stream' }
  if (options.authorization !== undefined) headers.authorization = options.authorization
  const warmup = Math.floor(options.requests / 10)
  const firstByte: number[] = []
  const wholeStream: number[] = []
  let errors = 0
  const deadline = performance.now() + options.timeoutSeconds * 1_000
  try {
    for (let index = 0; index < options.requests && performance.now() < deadline; index++) {
      const startedAt = performance.now()
      let firstAt = Number.NaN
      try {
        const { statusCode, body } = await pool.request({
          path: target.pathname,
          method: 'POST',
          headers,
          body: options.body,
        })
        for await (const _chunk of body) {
          if (Number.isNaN(firstAt)) firstAt = performance.now()
        }
        if (statusCode !== 200 || Number.isNaN(firstAt)) {
          errors += 1
          continue
        }
      } catch {
        errors += 1
        continue
      }
      if (index < warmup) continue
      firstByte.push(firstAt - startedAt)
      wholeStream.push(performance.now() - startedAt)
    }
  } finally {
    await pool.destroy()
  }
  return { firstByte: summarize(firstByte), wholeStream: summarize(wholeStream), errors }
}
