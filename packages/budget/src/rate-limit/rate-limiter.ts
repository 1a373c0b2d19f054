// Per-key RPM / RPD / TPM over fixed UTC windows; a refused request consumes nothing.
import type { SharedTokens } from '../redis/redis-governor.js'

const MINUTE_MS = 60_000
const DAY_MS = 86_400_000

/** A key's limits as `/config` sends them; null → unlimited. */
export interface RateLimits {
  rpm: number | null
  rpd: number | null
  tpm: number | null
}

/** The dimension a request was refused on. */
export type RateLimitDimension = 'rpm' | 'rpd' | 'tpm'

interface KeyRateState {
  minuteStartMs: number
  minuteRequests: number
  minuteTokens: number
  dayStartMs: number
  dayRequests: number
}

/** Outcome of {@link RateLimiter.admit}; also what the `x-ratelimit-*` headers are written from. */
export interface RateLimitDecision {
  ok: boolean
  /** The refused dimension; null when admitted. */
  dimension: RateLimitDimension | null
  /** Seconds until the refused (or, when admitted, the request) window resets, rounded up, ≥ 1. */
  retryAfterS: number
  limits: RateLimits
  /** The tightest request limit (RPM or RPD) the request headers describe; null without either. */
  limitRequests: number | null
  /** Requests left in that window after this one; null without request limits. */
  remainingRequests: number | null
  remainingTokens: number | null
  resetRequestsS: number
  resetTokensS: number
  /** Tokens counted on admit, for {@link RateLimiter.settleTokens}. */
  estimatedTokens: number
  state: KeyRateState | null
  minuteStartMs: number
  /** Set when Redis counted the request: the TPM count to settle there (see `RedisGovernor.settleTokens`). */
  shared?: SharedTokens
}

/** Options for {@link createRateLimiter}. */
export interface RateLimiterOptions {
  /** Most keys tracked; the oldest is dropped past it. Default 100,000. */
  maxKeys?: number
}

/** In-process rate limiting for every key of this process. */
export interface RateLimiter {
  /** Counts the request (and `estimatedTokens` against TPM) unless a limit refuses it. */
  admit(keyId: string, limits: RateLimits, estimatedTokens: number, nowMs: number): RateLimitDecision
  /** Replaces the admitted token estimate by the actual count when still in the same minute (once). */
  settleTokens(decision: RateLimitDecision, actualTokens: number): void
}

const secondsUntil = (endMs: number, nowMs: number) => Math.max(1, Math.ceil((endMs - nowMs) / 1000))

/** True when a key has any rate limit; false → skip the step entirely. */
export function hasRateLimits(limits: RateLimits): boolean {
  return limits.rpm !== null || limits.rpd !== null || limits.tpm !== null
}

function roll(state: KeyRateState, nowMs: number): void {
  const minute = nowMs - (nowMs % MINUTE_MS)
  if (minute !== state.minuteStartMs) {
    state.minuteStartMs = minute
    state.minuteRequests = 0
    state.minuteTokens = 0
  }
  const day = nowMs - (nowMs % DAY_MS)
  if (day !== state.dayStartMs) {
    state.dayStartMs = day
    state.dayRequests = 0
  }
}

function refusedOn(state: KeyRateState, limits: RateLimits, tokens: number): RateLimitDimension | null {
  if (limits.rpm !== null && state.minuteRequests + 1 > limits.rpm) return 'rpm'
  if (limits.rpd !== null && state.dayRequests + 1 > limits.rpd) return 'rpd'
  // A request larger than the whole TPM is let through on an idle minute rather than refused forever.
  if (limits.tpm !== null && state.minuteTokens > 0 && state.minuteTokens + tokens > limits.tpm) return 'tpm'
  return null
}

/**
 * Creates the limiter. Fixed windows aligned to the UTC minute and day: exact, one small record
 * per key, and a `Retry-After` that is the true time to the reset.
 *
 * @example
 * const limiter = createRateLimiter()
 * const decision = limiter.admit('vk_1', { rpm: 60, rpd: null, tpm: null }, 0, Date.now())
 * if (!decision.ok) throw rateLimitedError(decision)
 */
export function createRateLimiter(options: RateLimiterOptions = {}): RateLimiter {
  const maxKeys = options.maxKeys ?? 100_000
  if (!Number.isInteger(maxKeys) || maxKeys < 1) throw new RangeError('maxKeys must be a positive integer')
  const states = new Map<string, KeyRateState>()
  const stateOf = (keyId: string): KeyRateState => {
    let state = states.get(keyId)
    if (state === undefined) {
      if (states.size >= maxKeys) states.delete(states.keys().next().value as string)
      state = { minuteStartMs: -1, minuteRequests: 0, minuteTokens: 0, dayStartMs: -1, dayRequests: 0 }
      states.set(keyId, state)
    }
    return state
  }
  return {
    admit(keyId, limits, estimatedTokens, nowMs) {
      const state = stateOf(keyId)
      roll(state, nowMs)
      const dimension = refusedOn(state, limits, estimatedTokens)
      if (dimension === null) {
        state.minuteRequests += 1
        state.dayRequests += 1
        if (limits.tpm !== null) state.minuteTokens += estimatedTokens
      }
      const minuteResetS = secondsUntil(state.minuteStartMs + MINUTE_MS, nowMs)
      const dayResetS = secondsUntil(state.dayStartMs + DAY_MS, nowMs)
      const rpmLeft = limits.rpm === null ? null : Math.max(0, limits.rpm - state.minuteRequests)
      const rpdLeft = limits.rpd === null ? null : Math.max(0, limits.rpd - state.dayRequests)
      const byMinute = rpmLeft !== null && (rpdLeft === null || rpmLeft <= rpdLeft)
      return {
        ok: dimension === null,
        dimension,
        retryAfterS: dimension === 'rpd' ? dayResetS : minuteResetS,
        limits,
        limitRequests: byMinute ? limits.rpm : limits.rpd,
        remainingRequests: byMinute ? rpmLeft : rpdLeft,
        remainingTokens: limits.tpm === null ? null : Math.max(0, limits.tpm - state.minuteTokens),
        resetRequestsS: byMinute || rpdLeft === null ? minuteResetS : dayResetS,
        resetTokensS: minuteResetS,
        estimatedTokens: dimension === null && limits.tpm !== null ? estimatedTokens : 0,
        state: dimension === null ? state : null,
        minuteStartMs: state.minuteStartMs,
      }
    },
    settleTokens(decision, actualTokens) {
      const state = decision.state
      decision.state = null
      if (state === null || decision.limits.tpm === null || state.minuteStartMs !== decision.minuteStartMs)
        return
      state.minuteTokens = Math.max(0, state.minuteTokens + actualTokens - decision.estimatedTokens)
    },
  }
}
