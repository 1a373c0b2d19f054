import { describe, expect, it } from 'vitest'
import { createLookupLimiter } from './lookup-limiter.js'

describe('createLookupLimiter', () => {
  it('lets one client burst to four times its rate, then refills at that rate', () => {
    let now = 0
    const limiter = createLookupLimiter({ rate: 100, perClientRate: 1, now: () => now })
    const taken = Array.from({ length: 6 }, () => limiter.tryTake('10.0.0.1'))
    expect(taken).toEqual([true, true, true, true, false, false])
    expect(limiter.tryTake('10.0.0.2')).toBe(true)
    now += 1_000
    expect(limiter.tryTake('10.0.0.1')).toBe(true)
    expect(limiter.tryTake('10.0.0.1')).toBe(false)
  })

  it('caps the whole gateway at twice its rate whatever the addresses', () => {
    const limiter = createLookupLimiter({ rate: 2, perClientRate: 100, now: () => 0 })
    const taken = Array.from({ length: 6 }, (_, index) => limiter.tryTake(`10.0.0.${index}`))
    expect(taken.filter(Boolean)).toHaveLength(4)
  })

  it('keeps at most maxClients buckets', () => {
    const limiter = createLookupLimiter({ rate: 1_000, perClientRate: 1, maxClients: 2, now: () => 0 })
    for (let index = 0; index < 5; index++) limiter.tryTake('a')
    limiter.tryTake('b')
    limiter.tryTake('c') // evicts 'a', whose bucket starts full again
    expect(limiter.tryTake('a')).toBe(true)
  })

  it('tells refused callers to retry after the slower bucket refills one token', () => {
    expect(createLookupLimiter({ rate: 200, perClientRate: 20 }).retryAfterSeconds).toBe(1)
    expect(createLookupLimiter({ rate: 200, perClientRate: 0.25 }).retryAfterSeconds).toBe(4)
    expect(createLookupLimiter({ rate: 0.1, perClientRate: 20 }).retryAfterSeconds).toBe(10)
  })
})
