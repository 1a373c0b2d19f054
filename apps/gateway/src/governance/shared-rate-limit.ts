// The x-ratelimit-* decision of a request Redis counted, built from the admit script's counts.
import type { RateLimitDecision, RateLimits, SharedAdmission } from '@gw/budget'

const MINUTE_MS = 60_000
const DAY_MS = 86_400_000

const secondsUntil = (endMs: number, nowMs: number) => Math.max(1, Math.ceil((endMs - nowMs) / 1000))

/**
 * The decision of an admitted request whose limits Redis counted: the same header figures as
 * the in-process limiter (the tighter of RPM and RPD, the token trio), and the TPM count to
 * settle on completion. Returns undefined for a key without limits.
 *
 * @example
 * state.rateLimit = sharedRateLimitDecision(limits, admission, nowMs)
 */
export function sharedRateLimitDecision(
  limits: RateLimits | null,
  admission: Extract<SharedAdmission, { ok: true }>,
  nowMs: number,
): RateLimitDecision | undefined {
  if (limits === null) return undefined
  const minuteStartMs = nowMs - (nowMs % MINUTE_MS)
  const minuteResetS = secondsUntil(minuteStartMs + MINUTE_MS, nowMs)
  const dayResetS = secondsUntil(nowMs - (nowMs % DAY_MS) + DAY_MS, nowMs)
  const rpmLeft = limits.rpm === null ? null : Math.max(0, limits.rpm - admission.requestsThisMinute)
  const rpdLeft = limits.rpd === null ? null : Math.max(0, limits.rpd - admission.requestsToday)
  const byMinute = rpmLeft !== null && (rpdLeft === null || rpmLeft <= rpdLeft)
  const decision: RateLimitDecision = {
    ok: true,
    dimension: null,
    retryAfterS: minuteResetS,
    limits,
    limitRequests: byMinute ? limits.rpm : limits.rpd,
    remainingRequests: byMinute ? rpmLeft : rpdLeft,
    remainingTokens: limits.tpm === null ? null : Math.max(0, limits.tpm - admission.tokensThisMinute),
    resetRequestsS: byMinute || rpdLeft === null ? minuteResetS : dayResetS,
    resetTokensS: minuteResetS,
    estimatedTokens: admission.tokens?.estimatedTokens ?? 0,
    state: null,
    minuteStartMs,
  }
  if (admission.tokens !== null) decision.shared = admission.tokens
  return decision
}
