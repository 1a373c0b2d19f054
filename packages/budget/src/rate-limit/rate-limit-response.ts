// The 429 rate_limited error and the OpenAI-style x-ratelimit-* headers, on refusals and admissions alike.
import { GatewayError } from '@gw/contract'
import type { RateLimitDecision } from './rate-limiter.js'

/**
 * The `x-ratelimit-{limit,remaining,reset}-{requests,tokens}` headers of a decision (reset in
 * seconds, `"12s"`); the request trio names the tightest of RPM and RPD.
 *
 * @example
 * Object.assign(responseHeaders, rateLimitHeaders(decision))
 */
export function rateLimitHeaders(decision: RateLimitDecision): Record<string, string> {
  const headers: Record<string, string> = {}
  const { limits } = decision
  if (decision.limitRequests !== null && decision.remainingRequests !== null) {
    headers['x-ratelimit-limit-requests'] = String(decision.limitRequests)
    headers['x-ratelimit-remaining-requests'] = String(decision.remainingRequests)
    headers['x-ratelimit-reset-requests'] = `${decision.resetRequestsS}s`
  }
  if (limits.tpm !== null && decision.remainingTokens !== null) {
    headers['x-ratelimit-limit-tokens'] = String(limits.tpm)
    headers['x-ratelimit-remaining-tokens'] = String(decision.remainingTokens)
    headers['x-ratelimit-reset-tokens'] = `${decision.resetTokensS}s`
  }
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
