// Step "rate limit": RPM / RPD / TPM per key → 429 with Retry-After; x-ratelimit-* headers either way.
import type { ServerResponse } from 'node:http'
import type { CachedKey } from '@gw/auth-cache'
import {
  estimateInputTokens,
  hasRateLimits,
  type RateLimitDecision,
  rateLimitedError,
  setRateLimitHeaders,
} from '@gw/budget'
import type { Budgets } from '../governance/create-budgets.js'
import { ownHeadersOf } from '../http/gateway-response.js'
import type { RequestBody } from './request-state.js'

/**
 * Counts the request against its key's limits (TPM with the body's estimated input tokens,
 * settled to the real count by "spend confirm"). Returns undefined at once for a key without
 * limits. The headers join the response's own headers before anything is written, so they go
 * out with the provider's answer (in place of an upstream's own `x-ratelimit-*`) or with the 429.
 *
 * @example
 * state.rateLimit = applyRateLimit(services.governance, state.key, state.body, outgoing)
 */
export function applyRateLimit(
  governance: Budgets,
  key: CachedKey,
  body: RequestBody,
  outgoing: ServerResponse,
): RateLimitDecision | undefined {
  const limits = key.config.rate_limits
  if (!hasRateLimits(limits)) return undefined
  const decision = governance.limiter.admit(
    key.claims.vk_id,
    limits,
    estimateInputTokens(body.raw.length),
    governance.now(),
  )
  setRateLimitHeaders(decision, ownHeadersOf(outgoing))
  if (!decision.ok) throw rateLimitedError(decision)
  return decision
}
