import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startMockProvider } from '../server.js'
import type { MockProvider } from '../types.js'

const contents = [{ role: 'user', parts: [{ text: 'Say hello, please' }] }]

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })
}

function sseEvents(text: string): unknown[] {
  return text
    .split('\r\n\r\n')
    .filter((event) => event.startsWith('data: '))
    .map((event) => JSON.parse(event.slice(6)))
}

describe('Gemini wire', () => {
  let mock: MockProvider
  let base: string

  beforeAll(async () => {
    mock = await startMockProvider({
      replyText: 'Hello from the mock provider.',
      streamChunks: 3,
      apiKey: 'g-key',
    })
    base = `${mock.url}/v1beta/models`
  })
  afterAll(() => mock.close())

  it('answers generateContent with a candidate and usageMetadata', async () => {
    const response = await post(
      `${base}/gemini-2.0-flash:generateContent`,
      { contents },
      { 'x-goog-api-key': 'g-key' },
    )
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({
      candidates: [
        {
          content: { role: 'model', parts: [{ text: 'Hello from the mock provider.' }] },
          finishReason: 'STOP',
        },
      ],
      usageMetadata: { promptTokenCount: 5, candidatesTokenCount: 8, totalTokenCount: 13 },
      modelVersion: 'gemini-2.0-flash',
    })
  })

  it('streams SSE chunks with CRLF separators, the last with finishReason', async () => {
    const response = await post(`${base}/gemini-2.0-flash:streamGenerateContent?alt=sse&key=g-key`, {
      contents,
    })
    const events = sseEvents(await response.text()) as Array<{
      candidates: Array<{ content: { parts: Array<{ text: string }> }; finishReason?: string }>
      usageMetadata: { candidatesTokenCount: number }
    }>
    expect(events).toHaveLength(3)
    expect(events.map((event) => event.candidates[0]?.content.parts[0]?.text).join('')).toBe(
      'Hello from the mock provider.',
    )
    expect(events.at(-1)?.candidates[0]?.finishReason).toBe('STOP')
    expect(events.at(-1)?.usageMetadata.candidatesTokenCount).toBe(8)
  })

  it('streams a JSON array without alt=sse', async () => {
    const response = await post(`${base}/gemini-2.0-flash:streamGenerateContent?key=g-key`, { contents })
    const chunks = (await response.json()) as unknown[]
    expect(chunks).toHaveLength(3)
  })

  it('answers function calls built from the declarations, and a thought part when asked', async () => {
    const tools = [
      {
        functionDeclarations: [
          {
            name: 'get_weather',
            parameters: { type: 'OBJECT', properties: { city: { type: 'STRING' } }, required: ['city'] },
          },
        ],
      },
    ]
    const response = await post(`${base}/gemini-2.5-flash:generateContent?key=g-key`, {
      contents,
      tools,
      generationConfig: { thinkingConfig: { includeThoughts: true } },
    })
    const body = (await response.json()) as {
      candidates: Array<{ content: { parts: Array<Record<string, unknown>> } }>
      usageMetadata: { thoughtsTokenCount?: number }
    }
    const parts = body.candidates[0]?.content.parts ?? []
    expect(parts[0]).toMatchObject({ thought: true })
    expect(parts[1]).toEqual({ functionCall: { name: 'get_weather', args: { city: 'example' } } })
    expect(body.usageMetadata.thoughtsTokenCount).toBeGreaterThan(0)
  })

  it('embeds single and batched contents with the requested dimensionality', async () => {
    const single = await post(`${base}/gemini-embedding-001:embedContent?key=g-key`, {
      content: { parts: [{ text: 'hello' }] },
      outputDimensionality: 4,
    })
    expect(((await single.json()) as { embedding: { values: number[] } }).embedding.values).toHaveLength(4)
    const batch = await post(`${base}/gemini-embedding-001:batchEmbedContents?key=g-key`, {
      requests: [
        { model: 'models/gemini-embedding-001', content: { parts: [{ text: 'a' }] } },
        { model: 'models/gemini-embedding-001', content: { parts: [{ text: 'b' }] } },
      ],
    })
    expect(((await batch.json()) as { embeddings: unknown[] }).embeddings).toHaveLength(2)
  })

  it('refuses a wrong key with 400 API_KEY_INVALID and a missing one with 403, as Google does', async () => {
    const wrong = await post(`${base}/gemini-2.0-flash:generateContent?key=nope`, { contents })
    expect(wrong.status).toBe(400)
    expect(await wrong.json()).toMatchObject({ error: { code: 400, status: 'INVALID_ARGUMENT' } })
    const missing = await post(`${base}/gemini-2.0-flash:generateContent`, { contents })
    expect(missing.status).toBe(403)
    expect(await missing.json()).toMatchObject({ error: { code: 403, status: 'PERMISSION_DENIED' } })
  })

  it('answers an enqueued 429 in Google error shape', async () => {
    mock.enqueue({ status: 429 })
    const response = await post(`${base}/gemini-2.0-flash:generateContent?key=g-key`, { contents })
    expect(response.status).toBe(429)
    expect(await response.json()).toMatchObject({ error: { code: 429, status: 'RESOURCE_EXHAUSTED' } })
  })
})
