import { describe, expect, it } from 'vitest'
import { createGeminiAdapter } from './gemini-adapter.js'

const plan = (baseUrl?: string) =>
  createGeminiAdapter({
    id: 'g',
    type: 'gemini',
    credentials: { api_key: 'AIza-k' },
    deploymentMap: { fast: 'gemini-2.5-flash' },
    ...(baseUrl === undefined ? {} : { baseUrl }),
  })

describe('createGeminiAdapter', () => {
  it('plans generateContent, streamGenerateContent?alt=sse and batchEmbedContents on Google', () => {
    const adapter = plan()
    const base = { clientHeaders: undefined }
    expect(
      adapter.planUpstream({ ...base, api: 'anthropic-messages', model: 'fast', stream: false }),
    ).toEqual({
      kind: 'generate',
      wire: 'gemini-generate',
      bodyModel: 'gemini-2.5-flash',
      request: {
        origin: 'https://generativelanguage.googleapis.com',
        method: 'POST',
        path: '/v1beta/models/gemini-2.5-flash:generateContent',
        headers: ['content-type', 'application/json', 'x-goog-api-key', 'AIza-k'],
      },
    })
    expect(
      adapter.planUpstream({ ...base, api: 'openai-responses', model: 'gemini-2.5-pro', stream: true })
        ?.request.path,
    ).toBe('/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse')
    expect(
      adapter.planUpstream({
        ...base,
        api: 'openai-embeddings',
        model: 'gemini-embedding-001',
        stream: false,
      }),
    ).toMatchObject({ kind: 'embeddings', wire: 'gemini-batch-embed' })
  })

  it('keeps a base URL path prefix and refuses APIs Gemini has no translation for', () => {
    const adapter = plan('http://proxy.local:8080/google/')
    const planned = adapter.planUpstream({
      api: 'openai-chat',
      model: 'gemini-2.5-flash',
      stream: false,
      clientHeaders: undefined,
    })
    expect(planned?.request).toMatchObject({
      origin: 'http://proxy.local:8080',
      path: '/google/v1beta/models/gemini-2.5-flash:generateContent',
    })
    expect(
      adapter.planUpstream({
        api: 'anthropic-count-tokens',
        model: 'gemini-2.5-flash',
        stream: false,
        clientHeaders: undefined,
      }),
    ).toMatchObject({
      kind: 'count-tokens',
      request: { path: '/google/v1beta/models/gemini-2.5-flash:countTokens' },
    })
    for (const api of ['openai-models'] as const) {
      expect(
        adapter.planUpstream({ api, model: 'gemini-2.5-flash', stream: false, clientHeaders: undefined }),
      ).toBeUndefined()
    }
  })
})
