import { describe, expect, it } from 'vitest'
import { median, percentile, summarize } from './stats.js'

describe('percentile', () => {
  it('uses the nearest rank, so every answer is an observed sample', () => {
    const sorted = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100]
    expect(percentile(sorted, 50)).toBe(50)
    expect(percentile(sorted, 90)).toBe(90)
    expect(percentile(sorted, 99)).toBe(100)
    expect(percentile(sorted, 0)).toBe(10)
  })

  it('is NaN for no samples', () => {
    expect(percentile([], 50)).toBeNaN()
  })
})

describe('summarize', () => {
  it('sorts numerically, not as strings', () => {
    const summary = summarize([100, 9, 20, 3])
    expect(summary.p50).toBe(9)
    expect(summary.max).toBe(100)
    expect(summary.mean).toBe(33)
    expect(summary.count).toBe(4)
  })
})

describe('median', () => {
  it('takes the middle of an odd count of runs', () => {
    expect(median([5, 1, 3])).toBe(3)
  })
})
