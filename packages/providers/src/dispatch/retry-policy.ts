// Same-provider retry: jittered exponential backoff that honours the upstream's retry-after.
import type { IncomingHttpHeaders } from 'node:http'

/** Same-provider retries before moving on to the next candidate. Off by default. */
export interface RetryOptions {
  /** Extra attempts per candidate. Default 0 (no retry; fallback only). */
  attempts?: number
  /** First backoff. Default 250 ms. */
  baseMs?: number
  /** Longest wait; a `retry-after` beyond it skips the retry. Default 8 000 ms. */
  maxMs?: number
}

/** {@link RetryOptions} with defaults applied. */
export type ResolvedRetry = Required<RetryOptions>

/** Applies the {@link RetryOptions} defaults. */
export function resolveRetry(options: RetryOptions = {}): ResolvedRetry {
  return { attempts: options.attempts ?? 0, baseMs: options.baseMs ?? 250, maxMs: options.maxMs ?? 8_000 }
}

/**
 * Milliseconds to wait before retry number `retryIndex` (0-based), or undefined to not retry.
 * Backoff is `baseMs·2^n` capped at `maxMs`, with jitter in its upper half; a `retry-after`
 * is waited at least, unless it exceeds `maxMs` (then the next candidate is better).
 *
 * @example
 * retryDelayMs(1, undefined, { attempts: 2, baseMs: 100, maxMs: 1000 }, () => 0.5) // → 150
 */
export function retryDelayMs(
  retryIndex: number,
  retryAfterMs: number | undefined,
  retry: ResolvedRetry,
  random: () => number,
): number | undefined {
  if (retryAfterMs !== undefined && retryAfterMs > retry.maxMs) return undefined
  const backoff = Math.min(retry.maxMs, retry.baseMs * 2 ** retryIndex)
  const jittered = Math.round(backoff / 2 + (random() * backoff) / 2)
  return retryAfterMs === undefined ? jittered : Math.max(retryAfterMs, jittered)
}

/**
 * Reads `retry-after-ms` (OpenAI) or `retry-after` (seconds or an HTTP date) as milliseconds.
 *
 * @example
 * parseRetryAfterMs({ 'retry-after': '2' }, Date.now()) // → 2000
 */
export function parseRetryAfterMs(headers: IncomingHttpHeaders, nowMs: number): number | undefined {
  const precise = headers['retry-after-ms']
  if (typeof precise === 'string' && Number.isFinite(Number(precise))) return Math.max(0, Number(precise))
  const value = headers['retry-after']
  if (typeof value !== 'string' || value === '') return undefined
  const seconds = Number(value)
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000)
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs)
}
