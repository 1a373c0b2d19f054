import { describe, expect, it } from 'vitest'
import type { ProviderConfig } from '../spec/provider-config.js'
import { createRouter } from './create-router.js'

const openai: ProviderConfig = { id: 'openai-prod', type: 'openai', credentials: { api_key: 'k' } }
const azure: ProviderConfig = {
  id: 'azure-eu',
  type: 'azure-openai',
  handle: 'azure',
  models: ['gpt-4o'],
  credentials: { api_key: 'k', endpoint: 'https://x.openai.azure.com' },
}
const anthropic: ProviderConfig = { id: 'anthropic-main', type: 'anthropic', credentials: { api_key: 'k' } }
const vllm: ProviderConfig = {
  id: 'vllm',
  type: 'openai-compatible',
  baseUrl: 'http://vllm:8000/v1',
  credentials: {},
}
const gemini: ProviderConfig = { id: 'gemini', type: 'gemini', credentials: { api_key: 'k' } }

const route = (candidates: readonly { provider: ProviderConfig; model: string }[]) =>
  candidates.map((c) => `${c.provider.id}:${c.model}`)

describe('createRouter', () => {
  it('resolves aliases, provider/model by id, handle or type, and bare models', () => {
    const router = createRouter({
      providers: [openai, azure, anthropic],
      modelAliases: { fast: 'anthropic-main/claude-haiku-4-5', smart: 'gpt-5' },
    })
    expect(route(router.resolve('fast').candidates)).toEqual(['anthropic-main:claude-haiku-4-5'])
    expect(route(router.resolve('smart').candidates)).toEqual(['openai-prod:gpt-5'])
    expect(route(router.resolve('azure/gpt-4o-mini').candidates)).toEqual(['azure-eu:gpt-4o-mini'])
    expect(route(router.resolve('anthropic/claude-opus-4-1').candidates)).toEqual([
      'anthropic-main:claude-opus-4-1',
    ])
    expect(route(router.resolve('gpt-4o').candidates)).toEqual(['azure-eu:gpt-4o'])
    expect(route(router.resolve('o4-mini').candidates)).toEqual(['openai-prod:o4-mini'])
    expect(route(router.resolve('claude-3-5-sonnet-20241022').candidates)).toEqual([
      'anthropic-main:claude-3-5-sonnet-20241022',
    ])
  })

  it('sends unknown bare models and slashed names to an OpenAI-compatible server', () => {
    const router = createRouter({ providers: [openai, vllm] })
    expect(route(router.resolve('meta-llama/Llama-3.1-8B').candidates)).toEqual([
      'vllm:meta-llama/Llama-3.1-8B',
    ])
  })

  it('appends the fallback chain with per-entry models, skipping unknown and duplicate entries', () => {
    const router = createRouter({
      providers: [openai, azure, anthropic],
      fallback: {
        chain: [
          'azure-eu',
          { provider: 'anthropic-main', model: 'claude-sonnet-4-5' },
          'missing',
          'openai-prod',
        ],
        maxAttempts: 2,
      },
    })
    const plan = router.resolve('gpt-4o-mini')
    expect(route(plan.candidates)).toEqual([
      'openai-prod:gpt-4o-mini',
      'azure-eu:gpt-4o',
      'anthropic-main:claude-sonnet-4-5',
    ])
    expect(plan.maxAttempts).toBe(2)
  })

  it('enforces models_allowed globs against requested, resolved and provider-qualified names', () => {
    const router = createRouter({
      providers: [openai, anthropic],
      modelAliases: { cheap: 'gpt-4o-mini' },
      modelsAllowed: ['gpt-4o*', 'anthropic/*'],
    })
    expect(route(router.resolve('cheap').candidates)).toEqual(['openai-prod:gpt-4o-mini'])
    expect(route(router.resolve('claude-haiku-4-5').candidates)).toEqual(['anthropic-main:claude-haiku-4-5'])
    expect(() => router.resolve('gpt-5')).toThrow(
      expect.objectContaining({
        code: 'model_not_allowed',
        status: 400,
        message: expect.stringContaining('"gpt-5"'),
      }),
    )
  })

  it('filters candidates by providers_allowed and fails when none is left', () => {
    const router = createRouter({
      providers: [openai, azure],
      providersAllowed: ['azure'],
      fallback: { chain: ['azure-eu'] },
    })
    expect(route(router.resolve('gpt-4o').candidates)).toEqual(['azure-eu:gpt-4o'])
    // gpt-5 resolves to openai-prod (not allowed); the chain's azure-eu serves its first listed model.
    expect(route(router.resolve('gpt-5').candidates)).toEqual(['azure-eu:gpt-4o'])
    const strict = createRouter({ providers: [openai], providersAllowed: ['anthropic'] })
    expect(() => strict.resolve('gpt-5')).toThrow(expect.objectContaining({ code: 'no_provider_configured' }))
  })

  it('answers unknown models and missing providers with 404 model_not_found', () => {
    const router = createRouter({ providers: [openai, gemini] })
    expect(() => router.resolve('mystery-model')).toThrow(
      expect.objectContaining({
        code: 'model_not_found',
        status: 404,
        message: expect.stringContaining('openai-prod, gemini'),
      }),
    )
    expect(() => router.resolve('claude-sonnet-4-5')).toThrow(
      expect.objectContaining({
        code: 'model_not_found',
        status: 404,
        message: expect.stringContaining('anthropic'),
      }),
    )
    expect(route(router.resolve('gemini-2.5-pro').candidates)).toEqual(['gemini:gemini-2.5-pro'])
  })

  it('names providers by their handle, never by internal id, in messages', () => {
    const internal = { ...openai, id: 'mp_01HZX', handle: 'openai-team' }
    const router = createRouter({ providers: [internal], providersAllowed: ['anthropic'] })
    let thrown: unknown
    try {
      router.resolve('mystery-model')
    } catch (error) {
      thrown = error
    }
    expect((thrown as Error).message).toContain('openai-team')
    expect((thrown as Error).message).not.toContain('mp_01HZX')
    expect(() => router.resolve('gpt-4o')).toThrow(
      expect.objectContaining({ meta: expect.objectContaining({ provider: 'openai-team' }) }),
    )
  })

  it('returns the same plan object for repeated models (resolved once)', () => {
    const router = createRouter({ providers: [openai] })
    expect(router.resolve('gpt-4o')).toBe(router.resolve('gpt-4o'))
  })
})
