import { describe, expect, it } from 'vitest'
import { createBudgetCounters } from './budget-counters.js'

describe('createBudgetCounters', () => {
  const now = Date.UTC(2026, 11, 6, 12, 30)

  it('zeroes spend but keeps reservations when the window rolls over', () => {
    const counters = createBudgetCounters()
    const counter = counters.bucket('b|hour', 'hour', now)
    counter.spentMicroUsd = 50
    counter.reservedMicroUsd = 7
    const next = counters.bucket('b|hour', 'hour', now + 3_600_000)
    expect(next).toBe(counter)
    expect(next).toMatchObject({
      spentMicroUsd: 0,
      reservedMicroUsd: 7,
      windowStartMs: Date.UTC(2026, 11, 6, 13),
    })
  })

  it('keeps at most maxBuckets buckets, dropping the oldest', () => {
    const counters = createBudgetCounters({ maxBuckets: 2 })
    counters.bucket('a', 'day', now).spentMicroUsd = 1
    counters.bucket('b', 'day', now)
    counters.bucket('c', 'day', now)
    expect(counters.size).toBe(2)
    expect(counters.bucket('a', 'day', now).spentMicroUsd).toBe(0)
  })

  it('refuses a non-positive bound', () => {
    expect(() => createBudgetCounters({ maxBuckets: 0 })).toThrow(/maxBuckets/)
  })
})
