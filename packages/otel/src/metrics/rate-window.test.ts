import { describe, expect, it } from 'vitest'
import { createRateWindow } from './rate-window.js'

describe('createRateWindow', () => {
  it('averages whole seconds over the window and leaves out the second in progress', () => {
    const window = createRateWindow({ windowSeconds: 2, now: () => 0 })
    for (let i = 0; i < 10; i++) window.record(1_000 + i)
    for (let i = 0; i < 6; i++) window.record(2_500)
    window.record(3_100)
    expect(window.rate(3_200)).toBe((10 + 6) / 2)
  })

  it('forgets seconds older than the window', () => {
    const window = createRateWindow({ windowSeconds: 3 })
    window.record(1_000)
    window.record(1_500)
    expect(window.rate(2_000)).toBeCloseTo(2 / 3)
    expect(window.rate(5_000)).toBe(0)
  })

  it('reuses a bucket when the ring wraps around', () => {
    const window = createRateWindow({ windowSeconds: 1 })
    window.record(0)
    window.record(2_000)
    window.record(2_100)
    expect(window.rate(3_000)).toBe(2)
  })

  it('refuses a window that is not a positive integer', () => {
    expect(() => createRateWindow({ windowSeconds: 0 })).toThrow(RangeError)
  })
})
