import { describe, expect, it } from 'vitest'
import { isBudgetWindow, resetsAtSeconds, windowEndMs, windowStartMs } from './budget-window.js'

describe('budget windows', () => {
  const now = Date.UTC(2026, 11, 6, 16, 50, 12, 345) // Sunday

  it('aligns minute, hour and day to UTC boundaries', () => {
    expect(windowStartMs('minute', now)).toBe(Date.UTC(2026, 11, 6, 16, 50))
    expect(windowStartMs('hour', now)).toBe(Date.UTC(2026, 11, 6, 16))
    expect(windowStartMs('day', now)).toBe(Date.UTC(2026, 11, 6))
    expect(windowEndMs('day', windowStartMs('day', now))).toBe(Date.UTC(2026, 11, 7))
  })

  it('starts weeks on Monday, also when now is a Sunday or a Monday', () => {
    expect(windowStartMs('week', now)).toBe(Date.UTC(2026, 10, 30))
    expect(new Date(windowStartMs('week', now)).getUTCDay()).toBe(1)
    const monday = Date.UTC(2026, 11, 7)
    expect(windowStartMs('week', monday)).toBe(monday)
    expect(windowStartMs('week', monday - 1)).toBe(Date.UTC(2026, 10, 30))
    expect(windowStartMs('week', 0)).toBe(Date.UTC(1969, 11, 29))
  })

  it('spans calendar months of 28 to 31 days', () => {
    expect(windowStartMs('month', Date.UTC(2028, 1, 29, 23))).toBe(Date.UTC(2028, 1, 1))
    expect(windowEndMs('month', Date.UTC(2028, 1, 1))).toBe(Date.UTC(2028, 2, 1))
    expect(windowEndMs('month', Date.UTC(2026, 11, 1))).toBe(Date.UTC(2027, 0, 1))
  })

  it('never resets a total window', () => {
    expect(windowStartMs('total', now)).toBe(0)
    expect(windowEndMs('total', 0)).toBe(Number.POSITIVE_INFINITY)
    expect(resetsAtSeconds('total', now)).toBeNull()
    expect(resetsAtSeconds('hour', now)).toBe(Date.UTC(2026, 11, 6, 17) / 1000)
  })

  it('recognises only known window names', () => {
    expect(isBudgetWindow('week')).toBe(true)
    expect(isBudgetWindow('fortnight')).toBe(false)
  })
})
