// The 429 rate_limited error and the OpenAI-style x-ratelimit-* headers, on refusals and admissions alike.
import { GatewayError } from '@gw/contract'
import type { RateLimitDecision } from './rate-limiter.js'

/** Where {@link setRateLimitHeaders} writes: a Node `ServerResponse` fits. */
export interface HeaderTarget {
  setHeader(name: string, value: string): unknown
}

// `${seconds}s` for the resets a minute window gives (0–60 s), built once.
const resetValues = Array.from({ length: 61 }, (_, seconds) => `${seconds}s`)
const resetValue = (seconds: number): string => resetValues[seconds] ?? `${seconds}s`

/**
 * Sets the `x-ratelimit-{limit,remaining,reset}-{requests,tokens}` headers of a decision on
 * `target` (reset in seconds, `"12s"`); the request trio names the tightest of RPM and RPD.
 * Nothing is allocated beyond the values: this runs on every request of a rate-limited key.
 *
 * @example
 * setRateLimitHeaders(decision, outgoing) // before writeHead
 */
export function setRateLimitHeaders(decision: RateLimitDecision, target: HeaderTarget): void {
  if (decision.limitRequests !== null && decision.remainingRequests !== null) {
    target.setHeader('x-ratelimit-limit-requests', String(decision.limitRequests))
    target.setHeader('x-ratelimit-remaining-requests', String(decision.remainingRequests))
    target.setHeader('x-ratelimit-reset-requests', resetValue(decision.resetRequestsS))
  }
  const tpm = decision.limits.tpm
  if (tpm !== null && decision.remainingTokens !== null) {
    target.setHeader('x-ratelimit-limit-tokens', String(tpm))
    target.setHeader('x-ratelimit-remaining-tokens', String(decision.remainingTokens))
    target.setHeader('x-ratelimit-reset-tokens', resetValue(decision.resetTokensS))
  }
}

/**
 * The headers of {@link setRateLimitHeaders} as an object.
 *
 * @example
 * Object.assign(responseHeaders, rateLimitHeaders(decision))
 */
export function rateLimitHeaders(decision: RateLimitDecision): Record<string, string> {
  const headers: Record<string, string> = {}
  setRateLimitHeaders(decision, {
    setHeader(name, value) {
      headers[name] = value
    },
  })
  return headers
}

/**
 * The 429 for a refused decision: `meta` `dimension`, `limit`, `retry_after_s`; `Retry-After`
 * in whole seconds, rounded up.
 *
 * @example
 * if (!decision.ok) throw rateLimitedError(decision)
 */
export function rateLimitedError(decision: RateLimitDecision): GatewayError {
  const dimension = decision.dimension ?? 'rpm'
  const limit = decision.limits[dimension]
  const unit =
    dimension === 'tpm'
      ? 'tokens per minute'
      : dimension === 'rpd'
        ? 'requests per day'
        : 'requests per minute'
  return new GatewayError(
    'rate_limited',
    `Rate limit of ${limit} ${unit} reached for this key; retry after ${decision.retryAfterS} s`,
    { meta: { dimension, limit, retry_after_s: decision.retryAfterS }, retryAfter: decision.retryAfterS },
  )
}
