import { describe, expect, it } from 'vitest'
import { boundLabel } from './bound-label.js'
import { createGatewayMetrics } from './gateway-metrics.js'
import { recordDispatchMetrics } from './record-dispatch-metrics.js'

describe('recordDispatchMetrics', () => {
  it('observes the provider duration and counts each fallback by provider and reason', async () => {
    const metrics = createGatewayMetrics({ collectProcessMetrics: false })
    recordDispatchMetrics(metrics, {
      durationSeconds: 0.3,
      provider: 'anthropic',
      fallbacks: [
        { provider: 'openai', reason: 'provider_timeout' },
        { provider: 'azure', reason: 'some brand new upstream message' },
      ],
    })
    const text = await metrics.scrape()
    expect(text).toContain('gateway_provider_duration_seconds_count{provider="anthropic"} 1')
    expect(text).toContain('gateway_provider_duration_seconds_sum{provider="anthropic"} 0.3')
    expect(text).toContain('gateway_fallback_events_total{provider="openai",reason="provider_timeout"} 1')
    expect(text).toContain('gateway_fallback_events_total{provider="azure",reason="other"} 1')
  })

  it('adds the answer tokens by kind and its cost in dollars', async () => {
    const metrics = createGatewayMetrics({ collectProcessMetrics: false })
    recordDispatchMetrics(metrics, {
      durationSeconds: 0.1,
      provider: 'openai',
      fallbacks: [],
      usage: {
        inputTokens: 10,
        outputTokens: 4,
        cacheReadInputTokens: 2,
        cacheCreationInputTokens: 0,
        reasoningTokens: 0,
      },
      costMicroUsd: 2500,
    })
    const text = await metrics.scrape()
    expect(text).toContain('gateway_tokens_total{provider="openai",type="input"} 10')
    expect(text).toContain('gateway_tokens_total{provider="openai",type="cache_read"} 2')
    expect(text).not.toContain('type="cache_write"')
    expect(text).toContain('gateway_spend_usd_total{provider="openai"} 0.0025')
  })

  it('counts all five token kinds, skips zero ones, exposes counters, and forgets them on a registry reset', async () => {
    const metrics = createGatewayMetrics({ collectProcessMetrics: false })
    const usage = {
      inputTokens: 1,
      outputTokens: 2,
      cacheReadInputTokens: 0,
      cacheCreationInputTokens: 4,
      reasoningTokens: 5,
    }
    for (const provider of ['openai', 'anthropic'])
      recordDispatchMetrics(metrics, {
        durationSeconds: 0.1,
        provider,
        fallbacks: [],
        usage,
        costMicroUsd: 0,
      })
    const text = await metrics.scrape()
    expect(text).toContain('# TYPE gateway_tokens_total counter')
    expect(text).toContain('# TYPE gateway_spend_usd_total counter')
    for (const provider of ['openai', 'anthropic']) {
      expect(text).toContain(`gateway_tokens_total{provider="${provider}",type="input"} 1`)
      expect(text).toContain(`gateway_tokens_total{provider="${provider}",type="output"} 2`)
      expect(text).toContain(`gateway_tokens_total{provider="${provider}",type="cache_write"} 4`)
      expect(text).toContain(`gateway_tokens_total{provider="${provider}",type="reasoning"} 5`)
    }
    expect(text).not.toContain('type="cache_read"')
    expect(text).not.toMatch(/gateway_spend_usd_total\{/) // a zero cost adds nothing
    metrics.registry.resetMetrics()
    expect(await metrics.scrape()).not.toMatch(/gateway_tokens_total\{/)
  })

  it('observes no duration when no provider answered', async () => {
    const metrics = createGatewayMetrics({ collectProcessMetrics: false })
    recordDispatchMetrics(metrics, { durationSeconds: undefined, provider: undefined, fallbacks: [] })
    expect(await metrics.scrape()).not.toContain('gateway_provider_duration_seconds_count{')
  })
})

describe('boundLabel', () => {
  it('passes known values and turns unknown, empty or missing ones into other', () => {
    const allowed = new Set(['gpt-4o'])
    expect(boundLabel('gpt-4o', allowed)).toBe('gpt-4o')
    expect(boundLabel('gpt-4o-my-finetune', allowed)).toBe('other')
    expect(boundLabel('', allowed)).toBe('other')
    expect(boundLabel(undefined, allowed)).toBe('other')
  })
})
