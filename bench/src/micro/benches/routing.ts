// Routing decisions (@gw/routing): a key with the default config, a weighted policy, least latency
// with a sticky session; each op is route + settle, as a request pays them.
import { parseGatewayKeyConfig } from '@gw/contract'
import { createCircuitBreakers, type ForwardResult, routerForKeyConfig } from '@gw/providers'
import { createRoutingEngine } from '@gw/routing'
import { type PreparedBenchmark, registerMicro, type SkippedBenchmark, skip } from '../registry.js'

const providers = ['eu', 'us', 'ap'].map((id) => ({
  id,
  type: 'openai',
  credentials: { api_key: `sk-${id}` },
  models: ['gpt-4o-mini'],
}))

function configWith(fields: Record<string, unknown>) {
  return parseGatewayKeyConfig({ vk_id: 'vk_bench', providers, fallback: { chain: ['us'] }, ...fields })
}

function policyConfig(strategy: string) {
  return configWith({
    routing_mode: 'policy',
    routing_policy: {
      id: 'rp_bench',
      strategy,
      targets: [
        { provider_id: 'eu', weight: 3 },
        { provider_id: 'us', weight: 2 },
        { provider_id: 'ap', weight: 1 },
      ],
    },
  })
}

function resultOf(providerId: string): ForwardResult {
  return {
    status: 200,
    providerId,
    model: 'gpt-4o-mini',
    attempts: 1,
    fallbackCount: 0,
    records: [{ providerId, model: 'gpt-4o-mini', status: 200, ttfbMs: 120 }],
    usage: undefined,
    costMicroUsd: undefined,
    streamed: false,
    clientAborted: false,
    streamError: undefined,
  }
}

async function prepare(
  config: ReturnType<typeof configWith>,
  headers: Record<string, string>,
): Promise<PreparedBenchmark | SkippedBenchmark> {
  const engine = createRoutingEngine({ breakers: createCircuitBreakers(), onDecision: () => {} })
  const plan = routerForKeyConfig(config).resolve('gpt-4o-mini')
  const results = new Map(providers.map((provider) => [provider.id, resultOf(provider.id)]))
  const body = { parsed: {} }
  const probe = engine.route(config, plan, headers, body)
  if (config.routing_mode === 'policy' && probe === undefined) return skip('the policy did not route')
  if (probe !== undefined) engine.settle(probe, results.get(probe.providerId!))
  return {
    operation: () => {
      const decision = engine.route(config, plan, headers, body)
      if (decision !== undefined) engine.settle(decision, results.get(decision.providerId!))
    },
  }
}

registerMicro({
  name: 'routing (default key)',
  description: 'engine.route on a key without routing mode or exclusions (returns at once)',
  preDispatch: true,
  setup: () => prepare(configWith({}), {}),
})

registerMicro({
  name: 'routing decision (weighted)',
  description: 'route + settle: 3-target smooth weighted round robin, breakers checked, in-flight counted',
  setup: () => prepare(policyConfig('weighted'), {}),
})

registerMicro({
  name: 'routing decision (least latency, sticky)',
  description: 'route + settle: 3-target least latency with X-LangWatch-Session-Id (LRU hit, TTFB sample)',
  setup: () => prepare(policyConfig('least_latency'), { 'x-langwatch-session-id': 'conversation-42' }),
})
