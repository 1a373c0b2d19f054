import type { MockProvider } from '@gw/mock-provider'
import { startMockProvider } from '@gw/mock-provider'
import { request } from 'undici'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { chatBody } from '../../test-utils/requests.js'
import type { WireJson } from '../../test-utils/sse.js'
import type { CanonicalStreamPart } from '../canonical/types.js'
import { wireCodecs } from '../translate/codecs.js'
import {
  decodeGeminiEmbeddingResponses,
  encodeGeminiEmbeddingRequests,
  geminiCodec,
} from '../translate/gemini/index.js'
import { SseScanner } from '../utils/sse-scanner.js'
import { geminiAuthHeaders, geminiModelPath, geminiOrigin } from './endpoint.js'
import { createGeminiStreamObserver, readGeminiResponseUsage } from './gemini-usage.js'

const apiKey = 'AIza-test-key'
const model = 'gemini-2.5-flash'

describe('Gemini API endpoints', () => {
  it('builds paths with SSE for streams, accepting a models/ prefix', () => {
    expect(geminiOrigin()).toBe('https://generativelanguage.googleapis.com')
    expect(geminiModelPath('models/gemini-2.5-pro', 'streamGenerateContent')).toBe(
      '/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse',
    )
    expect(geminiModelPath('gemini-2.5-pro', 'countTokens', 'v1')).toBe(
      '/v1/models/gemini-2.5-pro:countTokens',
    )
  })
})

describe('Gemini API against the mock provider', () => {
  let mock: MockProvider

  beforeAll(async () => {
    mock = await startMockProvider({ apiKey, streamChunks: 3 })
  })
  beforeEach(() => mock.reset())
  afterAll(() => mock.close())

  const post = (path: string, body: object, key = apiKey) =>
    request(`${geminiOrigin(mock.url)}${path}`, {
      method: 'POST',
      headers: { ...geminiAuthHeaders(key), 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })

  const chatAsGemini = () => {
    const canonical = wireCodecs['openai-chat'].decodeRequest(
      { ...chatBody, messages: chatBody.messages.slice(0, 2) },
      { drop: () => undefined },
    )
    return geminiCodec.encodeRequest(canonical, {
      model,
      defaultMaxTokens: 1024,
      reasoningModel: true,
      drop: () => undefined,
    })
  }

  it('answers a translated chat request with a function call and thoughts, read back as a chat completion', async () => {
    const response = await post(geminiModelPath(model, 'generateContent'), chatAsGemini())
    expect(response.statusCode).toBe(200)
    const body = (await response.body.json()) as Record<string, unknown>
    const chat: WireJson = wireCodecs['openai-chat'].encodeResponse(geminiCodec.decodeResponse(body))
    expect(chat.choices[0].finish_reason).toBe('tool_calls')
    expect(chat.choices[0].message.tool_calls).toHaveLength(1)
    expect(chat.choices[0].message.tool_calls[0].function).toEqual({
      name: 'get_weather',
      arguments: '{"city":"example"}',
    })
    expect(chat.choices[0].message.reasoning_content).toEqual(expect.any(String))
    expect(readGeminiResponseUsage(body)?.reasoningTokens).toBeGreaterThan(0)
  })

  it('streams SSE into canonical parts and observes the final usage', async () => {
    const request = { contents: [{ role: 'user', parts: [{ text: 'Hi' }] }] }
    const response = await post(geminiModelPath('gemini-2.0-flash', 'streamGenerateContent'), request)
    expect(response.headers['content-type']).toBe('text/event-stream')
    const decoder = geminiCodec.createStreamDecoder()
    const observer = createGeminiStreamObserver()
    const parts: CanonicalStreamPart[] = []
    const scanner = new SseScanner((event, data) => {
      observer.observe(event, data)
      parts.push(...decoder.push({ data }))
      return false
    })
    for await (const chunk of response.body) scanner.push(chunk as Buffer)
    parts.push(...decoder.end())
    expect(parts.filter((part) => part.type === 'text-delta')).toHaveLength(3)
    const finish = parts.at(-1)
    expect(finish).toMatchObject({ type: 'finish', finishReason: 'stop' })
    expect(observer.usage).toEqual(finish?.type === 'finish' ? finish.usage : undefined)
    expect(observer.error).toBeUndefined()
  })

  it('reports an in-stream failure through the decoder and the observer', async () => {
    mock.enqueue({ streamErrorAfterChunks: 1 })
    const response = await post(geminiModelPath('gemini-2.0-flash', 'streamGenerateContent'), {
      contents: [{ role: 'user', parts: [{ text: 'Hi' }] }],
    })
    const decoder = geminiCodec.createStreamDecoder()
    const observer = createGeminiStreamObserver()
    const parts: CanonicalStreamPart[] = []
    const scanner = new SseScanner((_event, data) => {
      observer.observe(undefined, data)
      parts.push(...decoder.push({ data }))
      return false
    })
    for await (const chunk of response.body) scanner.push(chunk as Buffer)
    expect(parts.at(-1)).toMatchObject({ type: 'error', status: 500, code: 'INTERNAL' })
    expect(observer.error).toMatch(/internal error/)
  })

  it('maps a wrong API key to 401 API_KEY_INVALID', async () => {
    const response = await post(geminiModelPath(model, 'generateContent'), chatAsGemini(), 'AIza-wrong')
    expect(response.statusCode).toBe(400)
    expect(geminiCodec.decodeError(await response.body.json(), 400)).toMatchObject({
      status: 401,
      errorType: 'authentication_error',
      code: 'API_KEY_INVALID',
    })
  })

  it('embeds through batchEmbedContents and answers in OpenAI shape', async () => {
    const openai = {
      model: 'text-embedding',
      input: ['alpha', 'beta', 'gamma'],
      dimensions: 4,
      encoding_format: 'float',
    }
    const bodies = []
    for (const body of encodeGeminiEmbeddingRequests(openai, 'gemini-embedding-001')) {
      const response = await post(geminiModelPath('gemini-embedding-001', 'batchEmbedContents'), body)
      expect(response.statusCode).toBe(200)
      bodies.push(await response.body.json())
    }
    const result = decodeGeminiEmbeddingResponses(bodies, { request: openai, model: 'gemini-embedding-001' })
    expect(result.data.map((item) => (item.embedding as number[]).length)).toEqual([4, 4, 4])
    expect(mock.requests[0]?.path).toBe('/v1beta/models/gemini-embedding-001:batchEmbedContents')
  })
})
