import { describe, expect, it } from 'vitest'
import { createRouter } from './create-router.js'
import { providerConfigFromSlot, routeConfigFromKeyConfig } from './route-config-from-key.js'

describe('routeConfigFromKeyConfig', () => {
  it('maps control-plane providers, aliases, allowlists and the fallback chain', () => {
    const route = routeConfigFromKeyConfig({
      providers: [
        {
          id: 'p1',
          type: 'azure',
          credentials: { api_key: 'k', endpoint: 'https://a.openai.azure.com', api_version: '2025-01-01' },
          deployment_map: { 'gpt-4o': 'd1' },
        },
        {
          id: 'p2',
          type: 'anthropic',
          credentials: { api_key: 'k2' },
          handle: 'claude',
          base_url: null,
          models: ['claude-sonnet-4-5'],
        },
        { id: 'p3', type: 'quantum-llm', credentials: {} },
      ],
      fallback: { chain: ['p2'], max_attempts: 2 },
      model_aliases: { fast: 'p1/gpt-4o' },
      models_allowed: null,
      providers_allowed: null,
    })
    expect(route.providers.map((p) => [p.id, p.type])).toEqual([
      ['p1', 'azure-openai'],
      ['p2', 'anthropic'],
    ])
    expect(route.providers[0]).toMatchObject({
      deploymentMap: { 'gpt-4o': 'd1' },
      credentials: { api_version: '2025-01-01' },
    })
    const plan = createRouter(route).resolve('fast')
    expect(plan.candidates.map((c) => `${c.provider.id}:${c.model}`)).toEqual([
      'p1:gpt-4o',
      'p2:claude-sonnet-4-5',
    ])
    expect(plan.maxAttempts).toBe(2)
  })

  it('hands the keys of a project the same provider objects when their bundles share the slots', () => {
    const shared = [{ id: 'p1', type: 'openai', credentials: { api_key: 'k' } }]
    const keyConfig = () => ({
      providers: shared,
      fallback: { chain: ['p1'], max_attempts: null },
      model_aliases: {},
      models_allowed: null,
      providers_allowed: null,
    })
    const first = routeConfigFromKeyConfig(keyConfig())
    const second = routeConfigFromKeyConfig(keyConfig())
    expect(second.providers[0]).toBe(first.providers[0])
    // Equal contents in another object (another project, a refreshed bundle) convert anew.
    const copied = routeConfigFromKeyConfig({ ...keyConfig(), providers: [{ ...shared[0]! }] })
    expect(copied.providers[0]).not.toBe(first.providers[0])
    expect(copied.providers[0]).toEqual(first.providers[0])
  })

  it('reads an empty models list as no list, so the provider serves its catalogue family', () => {
    const provider = providerConfigFromSlot({
      id: 'p1',
      type: 'openai',
      credentials: { api_key: 'k' },
      models: [],
    })
    expect(provider?.models).toBeUndefined()
    const router = createRouter({ providers: [provider!], fallback: { chain: ['p1'] } })
    expect(router.resolve('gpt-4o-mini').candidates.map((c) => [c.provider.id, c.model])[0]).toEqual([
      'p1',
      'gpt-4o-mini',
    ])
  })

  it('keeps OpenAI-compatible servers keyless when no key is configured', () => {
    expect(
      providerConfigFromSlot({
        id: 'v',
        type: 'openai_compatible',
        credentials: {},
        base_url: 'http://v/v1',
      }),
    ).toEqual({
      id: 'v',
      type: 'openai-compatible',
      baseUrl: 'http://v/v1',
      credentials: {},
    })
  })

  it("accepts the contract's type names and ours alike (custom / openai-compatible, azure / azure-openai)", () => {
    const types = ['custom', 'openai-compatible', 'azure', 'azure-openai'].map(
      (type) =>
        providerConfigFromSlot({ id: type, type, credentials: { api_key: 'k' }, base_url: 'http://h/v1' })
          ?.type,
    )
    expect(types).toEqual(['openai-compatible', 'openai-compatible', 'azure-openai', 'azure-openai'])
  })

  it('maps Bedrock and Vertex credentials, taking the region from beside them when absent inside', () => {
    expect(
      providerConfigFromSlot({
        id: 'aws',
        type: 'bedrock',
        region: 'eu-west-3',
        credentials: { access_key: 'AKID', secret_key: 'secret', session_token: 'tok' },
      }),
    ).toEqual({
      id: 'aws',
      type: 'bedrock',
      credentials: { access_key: 'AKID', secret_key: 'secret', session_token: 'tok', region: 'eu-west-3' },
    })
    const serviceAccount = { type: 'service_account', client_email: 'a@b', private_key: 'pem' }
    expect(
      providerConfigFromSlot({
        id: 'gcp',
        type: 'vertex_ai',
        credentials: { project_id: 'p', region: 'us-east5', auth_credentials: serviceAccount },
      }),
    ).toMatchObject({
      type: 'vertex',
      credentials: { project_id: 'p', region: 'us-east5', auth_credentials: serviceAccount },
    })
    expect(providerConfigFromSlot({ id: 'g', type: 'google', credentials: { api_key: 'AIza' } })).toEqual({
      id: 'g',
      type: 'gemini',
      credentials: { api_key: 'AIza' },
    })
  })
})
