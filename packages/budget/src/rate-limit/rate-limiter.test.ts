import { describe, expect, it } from 'vitest'
import { rateLimitedError, rateLimitHeaders } from './rate-limit-response.js'
import { createRateLimiter, hasRateLimits } from './rate-limiter.js'

const now = Date.UTC(2026, 11, 6, 12, 0, 15, 500)
const none = { rpm: null, rpd: null, tpm: null }

describe('createRateLimiter', () => {
  it('admits exactly the RPM of 200 concurrent requests, with the time to the minute as Retry-After', () => {
    const limiter = createRateLimiter()
    const decisions = Array.from({ length: 200 }, () => limiter.admit('vk', { ...none, rpm: 60 }, 0, now))
    expect(decisions.filter((decision) => decision.ok)).toHaveLength(60)
    const refused = decisions.at(-1)!
    expect(refused).toMatchObject({ ok: false, dimension: 'rpm', retryAfterS: 45 })
    expect(limiter.admit('vk', { ...none, rpm: 60 }, 0, Date.UTC(2026, 11, 6, 12, 1)).ok).toBe(true)
  })

  it('does not consume a limit with refused requests', () => {
    const limiter = createRateLimiter()
    const limits = { rpm: 2, rpd: 3, tpm: null }
    limiter.admit('vk', limits, 0, now)
    limiter.admit('vk', limits, 0, now)
    expect(limiter.admit('vk', limits, 0, now).dimension).toBe('rpm')
    expect(limiter.admit('vk', limits, 0, now + 60_000).ok).toBe(true)
    expect(limiter.admit('vk', limits, 0, now + 60_000)).toMatchObject({ ok: false, dimension: 'rpd' })
  })

  it('counts estimated tokens against TPM and settles them to the actual count', () => {
    const limiter = createRateLimiter()
    const limits = { ...none, tpm: 1_000 }
    const first = limiter.admit('vk', limits, 800, now)
    expect(limiter.admit('vk', limits, 300, now)).toMatchObject({ ok: false, dimension: 'tpm' })
    limiter.settleTokens(first, 100)
    expect(limiter.admit('vk', limits, 300, now)).toMatchObject({ ok: true, remainingTokens: 600 })
  })

  it('lets one request larger than the TPM through on an idle minute', () => {
    expect(createRateLimiter().admit('vk', { ...none, tpm: 10 }, 50, now).ok).toBe(true)
  })

  it('writes the OpenAI-style headers of the tightest window', () => {
    const limiter = createRateLimiter()
    const decision = limiter.admit('vk', { rpm: 60, rpd: 10, tpm: 500 }, 100, now)
    expect(rateLimitHeaders(decision)).toEqual({
      'x-ratelimit-limit-requests': '10',
      'x-ratelimit-remaining-requests': '9',
      'x-ratelimit-reset-requests': `${Math.ceil((Date.UTC(2026, 11, 7) - now) / 1000)}s`,
      'x-ratelimit-limit-tokens': '500',
      'x-ratelimit-remaining-tokens': '400',
      'x-ratelimit-reset-tokens': '45s',
    })
  })

  it('turns a refusal into a 429 with meta and Retry-After', () => {
    const limiter = createRateLimiter()
    limiter.admit('vk', { ...none, rpm: 1 }, 0, now)
    const error = rateLimitedError(limiter.admit('vk', { ...none, rpm: 1 }, 0, now))
    expect(error.status).toBe(429)
    expect(error.retryAfter).toBe(45)
    expect(error.meta).toEqual({ dimension: 'rpm', limit: 1, retry_after_s: 45 })
  })

  it('reports whether a key has any limit', () => {
    expect(hasRateLimits(none)).toBe(false)
    expect(hasRateLimits({ ...none, rpd: 5 })).toBe(true)
  })
})
