import { describe, expect, it } from 'vitest'
import type { ProviderConfig } from '../spec/provider-config.js'
import { createAdapter, createAdapterCache } from './create-adapter.js'

const clientHeaders = {
  authorization: 'Bearer lw_vk_live_client',
  'x-api-key': 'lw_vk_live_client',
  connection: 'keep-alive',
  'transfer-encoding': 'chunked',
  'user-agent': 'sdk/1',
  'openai-beta': 'assistants=v2',
  'anthropic-beta': 'tools-2024',
  'anthropic-version': '2024-01-01',
}

function headerMap(headers: string[]): Record<string, string> {
  const map: Record<string, string> = {}
  for (let i = 0; i < headers.length; i += 2) map[headers[i] as string] = headers[i + 1] as string
  return map
}

describe('createAdapter', () => {
  it('builds OpenAI requests with Bearer auth and only allowlisted client headers', () => {
    const adapter = createAdapter({ id: 'o', type: 'openai', credentials: { api_key: 'sk-up' } })
    const request = adapter.prepareRequest({
      api: 'openai-embeddings',
      model: 'm',
      query: '?a=1',
      clientHeaders,
    })
    expect(request).toMatchObject({
      origin: 'https://api.openai.com',
      method: 'POST',
      path: '/v1/embeddings?a=1',
    })
    expect(headerMap(request.headers)).toEqual({
      'content-type': 'application/json',
      authorization: 'Bearer sk-up',
      'user-agent': 'sdk/1',
      'openai-beta': 'assistants=v2',
    })
    expect(
      adapter.prepareRequest({ api: 'openai-models', model: '', query: '', clientHeaders: {} }).method,
    ).toBe('GET')
  })

  it('builds Anthropic requests with x-api-key and the client anthropic-version and beta', () => {
    const adapter = createAdapter({ id: 'a', type: 'anthropic', credentials: { api_key: 'sk-ant' } })
    const request = adapter.prepareRequest({
      api: 'anthropic-messages',
      model: 'm',
      query: '?beta=true',
      clientHeaders,
    })
    expect(request.path).toBe('/v1/messages?beta=true')
    expect(headerMap(request.headers)).toEqual({
      'content-type': 'application/json',
      'x-api-key': 'sk-ant',
      'anthropic-version': '2024-01-01',
      'user-agent': 'sdk/1',
      'anthropic-beta': 'tools-2024',
    })
    expect(adapter.serves('openai-chat')).toBe(false)
  })

  it('builds Azure paths from the deployment map and sends the deployment as Responses model', () => {
    const adapter = createAdapter({
      id: 'az',
      type: 'azure-openai',
      deploymentMap: { 'gpt-4o': 'prod 4o' },
      credentials: { api_key: 'az', endpoint: 'https://acme.openai.azure.com/' },
    })
    const chat = adapter.prepareRequest({
      api: 'openai-chat',
      model: 'gpt-4o',
      query: '',
      clientHeaders: undefined,
    })
    expect(chat.path).toBe('/openai/deployments/prod%204o/chat/completions?api-version=2024-10-21')
    expect(headerMap(chat.headers)['api-key']).toBe('az')
    const responses = adapter.prepareRequest({
      api: 'openai-responses',
      model: 'gpt-4o',
      query: '?x=1',
      clientHeaders: {},
    })
    expect(responses.path).toBe('/openai/responses?api-version=2024-10-21&x=1')
    expect(adapter.bodyModel('openai-responses', 'gpt-4o')).toBe('prod 4o')
    expect(adapter.bodyModel('openai-chat', 'gpt-4o')).toBe('gpt-4o')
  })

  it('requires a base URL for OpenAI-compatible servers and sends no auth without a key', () => {
    expect(() => createAdapter({ id: 'c', type: 'openai-compatible', credentials: {} })).toThrow(
      expect.objectContaining({ code: 'no_provider_configured' }),
    )
    const adapter = createAdapter({
      id: 'c',
      type: 'openai-compatible',
      baseUrl: 'http://h:1/v1/',
      credentials: {},
    })
    const request = adapter.prepareRequest({
      api: 'openai-chat',
      model: 'm',
      query: '',
      clientHeaders: undefined,
    })
    expect(request).toMatchObject({ origin: 'http://h:1', path: '/v1/chat/completions' })
    expect(headerMap(request.headers).authorization).toBeUndefined()
  })

  it.each([
    [{ id: 'g', type: 'gemini', credentials: { api_key: '' } }, 'credentials.api_key'],
    [
      { id: 'b', type: 'bedrock', credentials: { access_key: 'AKID', secret_key: 's3cr3t', region: '' } },
      'region',
    ],
    [
      { id: 'b', type: 'bedrock', credentials: { access_key: 'AKID', secret_key: 's3cr3t', region: 'x/y' } },
      'not an AWS region',
    ],
    [
      {
        id: 'v',
        type: 'vertex',
        credentials: { project_id: 'p', region: 'us-east5', auth_credentials: '{' },
      },
      'not valid JSON',
    ],
  ] as [ProviderConfig, string][])(
    'refuses an unusable %o with no_provider_configured',
    (config, problem) => {
      let thrown: unknown
      try {
        createAdapter(config)
      } catch (error) {
        thrown = error
      }
      expect(thrown).toMatchObject({ code: 'no_provider_configured', status: 400 })
      expect((thrown as Error).message).toContain(problem)
      expect((thrown as Error).message).not.toContain('s3cr3t')
    },
  )

  it('builds each configuration object once', () => {
    const adapterFor = createAdapterCache()
    const config: ProviderConfig = { id: 'o', type: 'openai', credentials: { api_key: 'k' } }
    expect(adapterFor(config)).toBe(adapterFor(config))
  })
})
