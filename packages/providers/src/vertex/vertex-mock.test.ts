import { generateKeyPairSync } from 'node:crypto'
import type { MockProvider } from '@gw/mock-provider'
import { startMockProvider } from '@gw/mock-provider'
import { request } from 'undici'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CanonicalRequest, CanonicalStreamPart } from '../canonical/types.js'
import { geminiCodec } from '../translate/gemini/index.js'
import { SseScanner } from '../utils/sse-scanner.js'
import { encodeVertexAnthropicBody, vertexModelPath, vertexOrigin } from './endpoint.js'
import { createVertexTokenSource, type VertexTokenSource } from './token-source.js'

const keys = generateKeyPairSync('rsa', { modulusLength: 2048 })
const canonical: CanonicalRequest = {
  messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
  extra: {},
}

describe('Vertex endpoints', () => {
  it('builds regional and global origins and publisher paths', () => {
    expect(vertexOrigin('us-central1')).toBe('https://us-central1-aiplatform.googleapis.com')
    expect(vertexOrigin('global')).toBe('https://aiplatform.googleapis.com')
    expect(vertexOrigin('global', 'http://127.0.0.1:1/')).toBe('http://127.0.0.1:1')
    expect(() => vertexOrigin('us-central1.evil.com/x')).toThrow('not a Google Cloud region')
    const gemini = {
      project: 'my-project',
      region: 'global',
      publisher: 'google' as const,
      model: 'gemini-2.5-pro',
    }
    expect(vertexModelPath({ ...gemini, method: 'generateContent' })).toBe(
      '/v1/projects/my-project/locations/global/publishers/google/models/gemini-2.5-pro:generateContent',
    )
    expect(vertexModelPath({ ...gemini, method: 'streamGenerateContent' })).toMatch(
      /:streamGenerateContent\?alt=sse$/,
    )
    expect(encodeVertexAnthropicBody({ model: 'claude', stream: true, max_tokens: 1, messages: [] })).toEqual(
      {
        stream: true,
        max_tokens: 1,
        messages: [],
        anthropic_version: 'vertex-2023-10-16',
      },
    )
  })
})

describe('Vertex against the mock provider', () => {
  let mock: MockProvider
  let tokens: VertexTokenSource
  const location = { project: 'my-project', region: 'us-east5' }

  beforeAll(async () => {
    mock = await startMockProvider({
      vertexPublicKey: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    })
    tokens = createVertexTokenSource({
      credentials: {
        client_email: 'gateway@my-project.iam.gserviceaccount.com',
        private_key: keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        token_uri: `${mock.url}/token`,
      },
    })
  })
  afterAll(() => mock.close())

  async function post(path: string, body: object, token?: string) {
    const authorization = `Bearer ${token ?? (await tokens.getToken())}`
    return request(`${vertexOrigin(location.region, mock.url)}${path}`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
  }

  const geminiBody = geminiCodec.encodeRequest(canonical, {
    model: 'gemini-2.0-flash',
    defaultMaxTokens: 1024,
    reasoningModel: false,
    drop: () => undefined,
  })

  it('calls Gemini on Vertex with the access token and decodes the answer', async () => {
    const path = vertexModelPath({
      ...location,
      publisher: 'google',
      model: 'gemini-2.0-flash',
      method: 'generateContent',
    })
    const response = await post(path, geminiBody)
    expect(response.statusCode).toBe(200)
    const decoded = geminiCodec.decodeResponse((await response.body.json()) as Record<string, unknown>)
    expect(decoded.content).toEqual([{ type: 'text', text: 'Hello from the mock provider.' }])
  })

  it('is refused 401 without a token the endpoint issued', async () => {
    const path = vertexModelPath({
      ...location,
      publisher: 'google',
      model: 'gemini-2.0-flash',
      method: 'generateContent',
    })
    const response = await post(path, geminiBody, 'ya29.forged')
    expect(response.statusCode).toBe(401)
    expect(geminiCodec.decodeError(await response.body.json(), 401)).toMatchObject({
      errorType: 'authentication_error',
      code: 'UNAUTHENTICATED',
    })
  })

  it('streams Gemini SSE from Vertex into canonical parts', async () => {
    const path = vertexModelPath({
      ...location,
      publisher: 'google',
      model: 'gemini-2.0-flash',
      method: 'streamGenerateContent',
    })
    const response = await post(path, geminiBody)
    const decoder = geminiCodec.createStreamDecoder()
    const parts: CanonicalStreamPart[] = []
    const scanner = new SseScanner((event, data) => {
      parts.push(...decoder.push(event === undefined ? { data } : { event, data }))
      return false
    })
    for await (const chunk of response.body) scanner.push(chunk as Buffer)
    parts.push(...decoder.end())
    expect(parts.flatMap((part) => (part.type === 'text-delta' ? [part.text] : [])).join('')).toBe(
      'Hello from the mock provider.',
    )
    expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: 'stop' })
  })

  it('calls Claude on Vertex through rawPredict with the Vertex anthropic_version', async () => {
    const path = vertexModelPath({
      ...location,
      publisher: 'anthropic',
      model: 'claude-sonnet-4-5@20250929',
      method: 'rawPredict',
    })
    const response = await post(
      path,
      encodeVertexAnthropicBody({
        model: 'claude-sonnet-4-5',
        max_tokens: 64,
        messages: [{ role: 'user', content: 'Hi' }],
      }),
    )
    expect(response.statusCode).toBe(200)
    expect(await response.body.json()).toMatchObject({
      type: 'message',
      content: [{ type: 'text', text: 'Hello from the mock provider.' }],
    })
    expect(mock.requests.at(-1)?.path).toBe(path)
  })
})
