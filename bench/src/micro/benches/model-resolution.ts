// Model resolution: alias → provider/model → candidate chain, on every request (memoised per key
// configuration) and once per configuration change (router compiled cold).
import { createRouter, type RouteConfig } from '@gw/providers'
import { type PreparedBenchmark, registerMicro, type SkippedBenchmark, skip } from '../registry.js'

// A realistic key: two providers, one alias, an allow-list and a fallback chain.
const routeConfig: RouteConfig = {
  providers: [
    { id: 'openai-prod', type: 'openai', credentials: { api_key: 'sk-a' } },
    { id: 'anthropic-prod', type: 'anthropic', credentials: { api_key: 'sk-b' } },
  ],
  modelAliases: { fast: 'openai-prod/gpt-4o-mini' },
  modelsAllowed: ['gpt-4o*', 'claude-*'],
  fallback: { chain: [{ provider: 'anthropic-prod', model: 'claude-haiku-4-5' }] },
}

async function prepare(cold: boolean): Promise<PreparedBenchmark | SkippedBenchmark> {
  const router = createRouter(routeConfig)
  if (router.resolve('fast').candidates.length !== 2) return skip('unexpected candidate chain for the alias')
  if (cold) return { operation: () => createRouter(routeConfig).resolve('gpt-4o-mini') }
  return { operation: () => router.resolve('gpt-4o-mini') }
}

registerMicro({
  name: 'model resolution',
  description: 'router.resolve(bare model) → 2-candidate chain (memoised per key config)',
  preDispatch: true,
  setup: () => prepare(false),
})

registerMicro({
  name: 'model resolution (cold router)',
  description: 'createRouter(key config) + first resolve (after a config change)',
  setup: () => prepare(true),
})
