import { describe, expect, it } from 'vitest'
import { parseRetryAfterMs, resolveRetry, retryDelayMs } from './retry-policy.js'

describe('retryDelayMs', () => {
  const retry = resolveRetry({ attempts: 3, baseMs: 100, maxMs: 1_000 })

  it('backs off exponentially with jitter in the upper half, capped at maxMs', () => {
    expect([0, 1, 2, 5].map((n) => retryDelayMs(n, undefined, retry, () => 0))).toEqual([50, 100, 200, 500])
    expect(retryDelayMs(2, undefined, retry, () => 1)).toBe(400)
  })

  it('waits at least retry-after, and not at all beyond maxMs', () => {
    expect(retryDelayMs(0, 800, retry, () => 0)).toBe(800)
    expect(retryDelayMs(0, 1_001, retry, () => 0)).toBeUndefined()
  })
})

describe('parseRetryAfterMs', () => {
  it('reads retry-after-ms, seconds and HTTP dates', () => {
    expect(parseRetryAfterMs({ 'retry-after-ms': '250', 'retry-after': '9' }, 0)).toBe(250)
    expect(parseRetryAfterMs({ 'retry-after': '1.5' }, 0)).toBe(1_500)
    const now = Date.parse('2025-01-01T00:00:00Z')
    expect(parseRetryAfterMs({ 'retry-after': 'Wed, 01 Jan 2025 00:00:03 GMT' }, now)).toBe(3_000)
    expect(parseRetryAfterMs({ 'retry-after': 'soon' }, now)).toBeUndefined()
    expect(parseRetryAfterMs({}, now)).toBeUndefined()
  })
})
