import { describe, expect, it } from 'vitest'
import { createUsage } from '../spec/usage.js'
import { createCatalog } from './create-catalog.js'

describe('createCatalog', () => {
  const catalog = createCatalog()

  it('finds prices by exact id, without provider prefix, and without version suffixes', () => {
    expect(catalog.price('gpt-4o')?.input).toBe(2.5)
    expect(catalog.price('gpt-4o-2024-08-06')?.input).toBe(2.5)
    expect(catalog.price('openai/gpt-4o-mini')?.input).toBe(0.15)
    expect(catalog.price('claude-3-5-sonnet-20241022')?.output).toBe(15)
    expect(catalog.price('claude-3-7-sonnet-latest')?.output).toBe(15)
    expect(catalog.price('us.anthropic.claude-sonnet-4-20250514-v1:0')?.input).toBe(3)
    expect(catalog.price('claude-opus-4-5-20251101')?.input).toBe(5)
    expect(catalog.price('unknown-model')).toBeUndefined()
  })

  it('computes integer micro-USD over disjoint input, cache and output counts', () => {
    const usage = {
      ...createUsage(),
      inputTokens: 1_000,
      outputTokens: 500,
      cacheReadInputTokens: 10_000,
      cacheCreationInputTokens: 2_000,
    }
    // 1000·3 + 500·15 + 10000·0.3 + 2000·3.75 = 3000 + 7500 + 3000 + 7500
    expect(catalog.costMicroUsd('claude-sonnet-4-5-20250929', usage)).toBe(21_000)
    expect(catalog.costMicroUsd('text-embedding-3-small', { ...createUsage(), inputTokens: 3 })).toBe(1)
    expect(catalog.costMicroUsd('gpt-4o-mini', { ...createUsage(), inputTokens: 10 })).toBe(2)
    expect(catalog.costMicroUsd('nope', usage)).toBeUndefined()
  })

  it('lets a deployment override or add prices', () => {
    const custom = createCatalog({
      overrides: { 'gpt-4o': { input: 1, output: 1 }, 'my-ft': { input: 2, output: 4 } },
    })
    expect(
      custom.costMicroUsd('gpt-4o-2024-11-20', { ...createUsage(), inputTokens: 5, cacheReadInputTokens: 5 }),
    ).toBe(10)
    expect(custom.costMicroUsd('my-ft', { ...createUsage(), outputTokens: 1 })).toBe(4)
  })
})
