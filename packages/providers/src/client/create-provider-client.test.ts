import { type MockProvider, startMockProvider } from '@gw/mock-provider'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createProviderClient, type ProviderClient } from './create-provider-client.js'

let mock: MockProvider
let client: ProviderClient

beforeAll(async () => {
  mock = await startMockProvider({ port: 0, replyText: 'Hello there, friend.' })
  client = createProviderClient({
    providers: [
      { id: 'openai-1', type: 'openai', baseUrl: `${mock.url}/v1`, credentials: { api_key: 'sk-test' } },
      { id: 'openai-2', type: 'openai', baseUrl: `${mock.url}/v1`, credentials: { api_key: 'sk-test' } },
      { id: 'anthropic-1', type: 'anthropic', baseUrl: mock.url, credentials: { api_key: 'sk-ant-test' } },
    ],
    fallback: { chain: ['openai-2'] },
  })
})
afterEach(() => mock.reset())
afterAll(async () => {
  await client.close()
  await mock.close()
})

describe('createProviderClient', () => {
  it('chat() returns the parsed completion with provider, usage and cost', async () => {
    const { body, meta } = await client.chat({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Hi' }],
    })
    const choices = body.choices as { message: { content: string } }[]
    expect(choices[0]?.message.content).toBe('Hello there, friend.')
    expect(meta).toMatchObject({ providerId: 'openai-1', status: 200, attempts: 1, fallbackCount: 0 })
    expect(meta.usage?.outputTokens).toBeGreaterThan(0)
    expect(meta.costMicroUsd).toBeGreaterThan(0)
  })

  it('stream() yields parsed chunks, hides the injected usage chunk and reports usage', async () => {
    const stream = client.stream({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] })
    let text = ''
    for await (const chunk of stream) {
      const choices = chunk.choices as { delta: { content?: string } }[]
      expect(choices.length).toBeGreaterThan(0)
      text += choices[0]?.delta.content ?? ''
    }
    expect(text).toBe('Hello there, friend.')
    const result = await stream.result
    expect(result.streamed).toBe(true)
    expect(result.usage?.outputTokens).toBeGreaterThan(0)
  })

  it('stream() speaks Anthropic Messages too', async () => {
    const stream = client.stream(
      { model: 'claude-haiku-4-5', max_tokens: 50, messages: [{ role: 'user', content: 'Hi' }] },
      { api: 'anthropic-messages' },
    )
    const types: unknown[] = []
    for await (const event of stream) types.push(event.type)
    expect(types[0]).toBe('message_start')
    expect(types.at(-1)).toBe('message_stop')
    expect((await stream.result).usage?.inputTokens).toBeGreaterThan(0)
  })

  it('falls back to the next provider on 503', async () => {
    mock.enqueue({ status: 503 })
    const { meta } = await client.chat({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] })
    expect(meta).toMatchObject({ providerId: 'openai-2', fallbackCount: 1, attempts: 2 })
    expect(meta.records.map((record) => record.status)).toEqual([503, 200])
  })

  it('throws a GatewayError carrying the upstream status on a caller error', async () => {
    mock.enqueue({ status: 400, body: { error: { message: 'bad messages', type: 'invalid_request_error' } } })
    await expect(client.chat({ model: 'gpt-4o', messages: [] })).rejects.toMatchObject({
      code: 'provider_error',
      status: 400,
      message: 'bad messages',
    })
  })

  it('stream() throws when the upstream fails mid-stream', async () => {
    mock.enqueue({ failAfterChunks: 2 })
    const stream = client.stream({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] })
    await expect(async () => {
      for await (const _ of stream) {
        // consume
      }
    }).rejects.toThrow(/broke off/)
  })
})
