import { parseGatewayKeyConfig } from '@gw/contract'
import { createCircuitBreakers, type ForwardResult, routerForKeyConfig } from '@gw/providers'
import { describe, expect, it } from 'vitest'
import { createRoutingEngine } from './create-routing-engine.js'

const providers = ['a', 'b', 'c'].map((id) => ({
  id,
  type: 'openai',
  credentials: { api_key: `sk-${id}` },
  models: ['gpt-4o-mini'],
}))

function keyConfig(fields: Record<string, unknown>) {
  return parseGatewayKeyConfig({ vk_id: 'vk_1', providers, fallback: { chain: ['b', 'c'] }, ...fields })
}

function policy(strategy: string, targets: Record<string, unknown>[]) {
  return { routing_mode: 'policy', routing_policy: { id: 'rp_1', name: 'p', strategy, targets } }
}

const order = (plan: { candidates: readonly { provider: { id: string } }[] }) =>
  plan.candidates.map((candidate) => candidate.provider.id)

function resultOf(providerId: string, status = 200, ttfbMs = 5): ForwardResult {
  return {
    status,
    providerId,
    model: 'gpt-4o-mini',
    attempts: 1,
    fallbackCount: 0,
    records: [{ providerId, model: 'gpt-4o-mini', status, ttfbMs }],
    usage: undefined,
    costMicroUsd: undefined,
    streamed: false,
    clientAborted: false,
    streamError: undefined,
  }
}

describe('createRoutingEngine', () => {
  it('leaves a key with the default config alone', () => {
    const engine = createRoutingEngine({ breakers: createCircuitBreakers() })
    const config = keyConfig({})
    expect(
      engine.route(config, routerForKeyConfig(config).resolve('gpt-4o-mini'), {}, undefined),
    ).toBeUndefined()
  })

  it('routes `none` to the first eligible candidate with one attempt, memoised', () => {
    const engine = createRoutingEngine({ breakers: createCircuitBreakers() })
    const config = keyConfig({ routing_mode: 'none', access_excluded_providers: ['a'] })
    const plan = routerForKeyConfig(config).resolve('gpt-4o-mini')
    const decision = engine.route(config, plan, {}, undefined)!
    expect(order(decision.plan)).toEqual(['b'])
    expect(decision.plan.maxAttempts).toBe(1)
    expect(decision.strategy).toBe('none')
    expect(engine.route(config, plan, {}, undefined)).toBe(decision)
  })

  it('keeps a routing-excluded provider the client named itself, drops it from fallback', () => {
    const engine = createRoutingEngine({ breakers: createCircuitBreakers() })
    const config = keyConfig({ routing_excluded_providers: ['a', 'c'] })
    const router = routerForKeyConfig(config)
    expect(order(engine.route(config, router.resolve('a/gpt-4o-mini'), {}, undefined)!.plan)).toEqual([
      'a',
      'b',
    ])
    expect(order(engine.route(config, router.resolve('gpt-4o-mini'), {}, undefined)!.plan)).toEqual(['b'])
  })

  it('refuses with no_provider_configured when exclusions leave nothing', () => {
    const engine = createRoutingEngine({ breakers: createCircuitBreakers() })
    const config = keyConfig({ access_excluded_providers: ['openai'] })
    const plan = routerForKeyConfig(config).resolve('gpt-4o-mini')
    expect(() => engine.route(config, plan, {}, undefined)).toThrow(
      expect.objectContaining({ code: 'no_provider_configured' }),
    )
  })

  it('splits a weighted 3:1 policy exactly and falls back through the other targets in order', () => {
    const strategies: string[] = []
    const engine = createRoutingEngine({
      breakers: createCircuitBreakers(),
      onDecision: (s) => strategies.push(s),
    })
    const config = keyConfig(
      policy('weighted', [
        { provider_id: 'a', weight: 3 },
        { provider_id: 'c', weight: 1 },
      ]),
    )
    const plan = routerForKeyConfig(config).resolve('gpt-4o-mini')
    const firsts = Array.from({ length: 400 }, () => {
      const decision = engine.route(config, plan, {}, undefined)!
      engine.settle(decision, resultOf(decision.providerId!))
      return order(decision.plan)
    })
    expect(firsts.filter((each) => each[0] === 'a')).toHaveLength(300)
    expect(firsts.find((each) => each[0] === 'c')).toEqual(['c', 'a'])
    expect(new Set(strategies)).toEqual(new Set(['weighted']))
  })

  it('skips a target whose breaker is open', () => {
    const breakers = createCircuitBreakers({ failureThreshold: 1 })
    const engine = createRoutingEngine({ breakers })
    const config = keyConfig(policy('weighted', [{ provider_id: 'a', weight: 100 }, { provider_id: 'b' }]))
    const plan = routerForKeyConfig(config).resolve('gpt-4o-mini')
    breakers.fail('a')
    for (let index = 0; index < 5; index++)
      expect(engine.route(config, plan, {}, undefined)!.providerId).toBe('b')
  })

  it('prefers the credential with the lower time to first byte, probing the other now and then', () => {
    let now = 0
    const engine = createRoutingEngine({
      breakers: createCircuitBreakers(),
      now: () => now,
      probeAfterMs: 1_000,
    })
    const config = keyConfig(policy('least_latency', [{ provider_id: 'a' }, { provider_id: 'b' }]))
    const plan = routerForKeyConfig(config).resolve('gpt-4o-mini')
    const latency: Record<string, number> = { a: 300, b: 20 }
    const picks: string[] = []
    for (let index = 0; index < 50; index++) {
      now += 10
      const decision = engine.route(config, plan, {}, undefined)!
      picks.push(decision.providerId!)
      engine.settle(decision, resultOf(decision.providerId!, 200, latency[decision.providerId!]))
    }
    expect(picks.slice(5).filter((id) => id === 'b').length).toBeGreaterThanOrEqual(44)
    expect(engine.stats.inFlight('a') + engine.stats.inFlight('b')).toBe(0)
  })

  it('sends least_busy traffic to the credential with fewer requests in flight', () => {
    const engine = createRoutingEngine({ breakers: createCircuitBreakers() })
    const config = keyConfig(policy('least_busy', [{ provider_id: 'a' }, { provider_id: 'b' }]))
    const plan = routerForKeyConfig(config).resolve('gpt-4o-mini')
    const first = engine.route(config, plan, {}, undefined)!
    const second = engine.route(config, plan, {}, undefined)!
    expect(new Set([first.providerId, second.providerId])).toEqual(new Set(['a', 'b']))
    engine.settle(second, resultOf(second.providerId!))
    expect(engine.route(config, plan, {}, undefined)!.providerId).toBe(second.providerId)
  })

  it('keeps a session on its credential until that breaker opens, then moves it', () => {
    const breakers = createCircuitBreakers({ failureThreshold: 1 })
    const engine = createRoutingEngine({ breakers })
    const config = keyConfig(policy('weighted', [{ provider_id: 'a' }, { provider_id: 'b' }]))
    const plan = routerForKeyConfig(config).resolve('gpt-4o-mini')
    const headers = { 'x-langwatch-session-id': 's-1' }
    const first = engine.route(config, plan, headers, undefined)!
    engine.settle(first, resultOf(first.providerId!))
    for (let index = 0; index < 5; index++) {
      const again = engine.route(config, plan, headers, undefined)!
      expect(again.providerId).toBe(first.providerId)
      expect(again.strategy).toBe('sticky')
      engine.settle(again, resultOf(again.providerId!))
    }
    breakers.fail(first.providerId!)
    const moved = engine.route(config, plan, headers, undefined)!
    expect(moved.providerId).not.toBe(first.providerId)
    engine.settle(moved, resultOf(moved.providerId!))
    expect(engine.sticky.get('vk_1\ns-1', performance.now())).toBe(moved.providerId)
  })

  it('routes a policy key as fallback_all when its policy is gone', () => {
    const engine = createRoutingEngine({ breakers: createCircuitBreakers() })
    const config = keyConfig({ routing_mode: 'policy', routing_policy: null })
    const decision = engine.route(config, routerForKeyConfig(config).resolve('gpt-4o-mini'), {}, undefined)!
    expect(decision.strategy).toBe('fallback_all')
    expect(order(decision.plan)).toEqual(['a', 'b', 'c'])
  })
})
