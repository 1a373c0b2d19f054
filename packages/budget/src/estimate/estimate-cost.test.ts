import { describe, expect, it } from 'vitest'
import { estimateCostMicroUsd, estimateInputTokens } from './estimate-cost.js'

describe('estimateCostMicroUsd', () => {
  it('prices input and max_tokens in micro-USD per token', () => {
    const price = { input: 3, output: 15 }
    expect(
      estimateCostMicroUsd({ inputTokens: 1000, maxOutputTokens: 500, defaultOutputTokens: 9, price }),
    ).toBe(10_500)
  })

  it('falls back to the default output tokens when max_tokens is absent', () => {
    const price = { input: 0, output: 2 }
    expect(
      estimateCostMicroUsd({ inputTokens: 0, maxOutputTokens: null, defaultOutputTokens: 100, price }),
    ).toBe(200)
  })

  it('rounds fractional micro-USD up without float noise on exact values', () => {
    const price = { input: 0.15, output: 0.6 }
    expect(estimateCostMicroUsd({ inputTokens: 1, maxOutputTokens: 0, defaultOutputTokens: 0, price })).toBe(
      1,
    )
    expect(
      estimateCostMicroUsd({ inputTokens: 100, maxOutputTokens: 0, defaultOutputTokens: 0, price }),
    ).toBe(15)
  })
})

describe('estimateInputTokens', () => {
  it('counts about four bytes per token, rounded up', () => {
    expect(estimateInputTokens(0)).toBe(0)
    expect(estimateInputTokens(5)).toBe(2)
  })
})
