import { describe, expect, it } from 'vitest'
import { rateLimitedError, rateLimitHeaders, setRateLimitHeaders } from './rate-limit-response.js'
import type { RateLimitDecision } from './rate-limiter.js'

const decision = (overrides: Partial<RateLimitDecision>): RateLimitDecision => ({
  ok: true,
  dimension: null,
  retryAfterS: 0,
  limits: { rpm: 60, rpd: null, tpm: null },
  limitRequests: 60,
  remainingRequests: 59,
  remainingTokens: null,
  resetRequestsS: 45,
  resetTokensS: 45,
  estimatedTokens: 0,
  state: null,
  minuteStartMs: 0,
  ...overrides,
})

describe('setRateLimitHeaders', () => {
  it('sets only the request trio when the key has no TPM', () => {
    const set: [string, string][] = []
    setRateLimitHeaders(decision({}), { setHeader: (name, value) => set.push([name, value]) })
    expect(set).toEqual([
      ['x-ratelimit-limit-requests', '60'],
      ['x-ratelimit-remaining-requests', '59'],
      ['x-ratelimit-reset-requests', '45s'],
    ])
  })

  it('writes resets past a minute too, and the token trio with a TPM', () => {
    const headers = rateLimitHeaders(
      decision({
        limits: { rpm: null, rpd: 1_000, tpm: 500 },
        limitRequests: 1_000,
        remainingTokens: 400,
        resetRequestsS: 3_600,
      }),
    )
    expect(headers).toEqual({
      'x-ratelimit-limit-requests': '1000',
      'x-ratelimit-remaining-requests': '59',
      'x-ratelimit-reset-requests': '3600s',
      'x-ratelimit-limit-tokens': '500',
      'x-ratelimit-remaining-tokens': '400',
      'x-ratelimit-reset-tokens': '45s',
    })
  })

  it('sets nothing for a decision without limits to report', () => {
    expect(rateLimitHeaders(decision({ limitRequests: null, remainingRequests: null }))).toEqual({})
  })
})

describe('rateLimitedError', () => {
  it('names the dimension and its limit, with Retry-After in whole seconds', () => {
    const error = rateLimitedError(
      decision({ ok: false, dimension: 'tpm', retryAfterS: 7, limits: { rpm: null, rpd: null, tpm: 500 } }),
    )
    expect(error.status).toBe(429)
    expect(error.retryAfter).toBe(7)
    expect(error.message).toContain('500 tokens per minute')
    expect(error.meta).toEqual({ dimension: 'tpm', limit: 500, retry_after_s: 7 })
  })
})
