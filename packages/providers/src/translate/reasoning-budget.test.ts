import { describe, expect, it } from 'vitest'
import { isReasoningModel } from './model-capabilities.js'
import { reasoningEffort, thinkingBudget } from './reasoning-budget.js'

describe('reasoning effort ⇄ thinking budget', () => {
  it.each([
    ['minimal', 1024],
    ['low', 1024],
    ['medium', 4096],
    ['high', 16384],
    ['xhigh', 32768],
  ] as const)('gives %s a budget of %i tokens', (effort, budget) => {
    expect(thinkingBudget({ effort })).toBe(budget)
  })

  it('asks for no thinking for none, and raises a small explicit budget to the minimum', () => {
    expect(thinkingBudget({ effort: 'none' })).toBeUndefined()
    expect(thinkingBudget({ budgetTokens: 100 })).toBe(1024)
  })

  it.each([
    [1024, 'low'],
    [4096, 'medium'],
    [8192, 'medium'],
    [8193, 'high'],
  ] as const)('reads a budget of %i as %s', (budgetTokens, effort) => {
    expect(reasoningEffort({ budgetTokens })).toBe(effort)
  })

  it('prefers an explicit effort over the budget', () => {
    expect(reasoningEffort({ budgetTokens: 30000, effort: 'low' })).toBe('low')
  })
})

describe('isReasoningModel', () => {
  it.each([
    ['openai-chat', 'gpt-5', true],
    ['openai-responses', 'o4-mini', true],
    ['openai-chat', 'openai/o3', true],
    ['openai-chat', 'gpt-4o', false],
    ['openai-chat', 'gpt-4.1-mini', false],
    ['anthropic-messages', 'claude-sonnet-4-5', true],
    ['anthropic-messages', 'claude-3-7-sonnet-latest', true],
    ['anthropic-messages', 'claude-3-5-haiku-latest', false],
    ['anthropic-messages', 'claude-3-opus-20240229', false],
  ] as const)('%s %s → %s', (wire, model, expected) => {
    expect(isReasoningModel(wire, model)).toBe(expected)
  })
})
