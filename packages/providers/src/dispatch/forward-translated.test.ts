import Anthropic from '@anthropic-ai/sdk'
import { type MockProvider, startMockProvider } from '@gw/mock-provider'
import OpenAI from 'openai'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type ProxyHarness, sendRaw, startProxyHarness, waitFor } from '../../test-utils/proxy-harness.js'
import { createProviderClient, type ProviderClient } from '../client/create-provider-client.js'

let mock: MockProvider
let client: ProviderClient
let harness: ProxyHarness

beforeAll(async () => {
  mock = await startMockProvider({ port: 0, replyText: 'Translated hello.' })
  client = createProviderClient({
    providers: [
      { id: 'openai-1', type: 'openai', baseUrl: `${mock.url}/v1`, credentials: { api_key: 'sk' } },
      { id: 'anthropic-1', type: 'anthropic', baseUrl: mock.url, credentials: { api_key: 'sk-ant' } },
    ],
  })
  harness = await startProxyHarness(client)
})
afterEach(() => {
  mock.reset()
  harness.results.length = 0
})
afterAll(async () => {
  await harness.close()
  await client.close()
  await mock.close()
})

describe('cross-shape dispatch', () => {
  it('serves an OpenAI chat client from an Anthropic provider', async () => {
    const openai = new OpenAI({ apiKey: 'lw', baseURL: `${harness.url}/v1`, maxRetries: 0 })
    const completion = await openai.chat.completions.create({
      model: 'claude-haiku-4-5',
      messages: [{ role: 'user', content: 'Hi' }],
    })
    expect(completion.choices[0]?.message.content).toBe('Translated hello.')
    expect(mock.requests[0]?.path).toBe('/v1/messages')
    await waitFor(() => harness.results.length === 1)
    expect(harness.results[0]).toMatchObject({ providerId: 'anthropic-1', status: 200 })
    expect(harness.results[0]?.usage?.inputTokens).toBeGreaterThan(0)
  })

  it('streams an Anthropic client from an OpenAI provider, usage observed on the upstream wire', async () => {
    const anthropic = new Anthropic({ apiKey: 'lw', baseURL: harness.url, maxRetries: 0 })
    const stream = await anthropic.messages.create({
      model: 'gpt-4o-mini',
      max_tokens: 64,
      messages: [{ role: 'user', content: 'Hi' }],
      stream: true,
    })
    let text = ''
    for await (const event of stream) {
      if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') text += event.delta.text
    }
    expect(text).toBe('Translated hello.')
    expect(mock.requests[0]?.path).toBe('/v1/chat/completions')
    await waitFor(() => harness.results.length === 1)
    expect(harness.results[0]?.usage?.outputTokens).toBeGreaterThan(0)
  })

  it("returns an upstream error in the client's envelope with its status", async () => {
    mock.enqueue({ status: 429 })
    const response = await sendRaw(harness.url, {
      path: '/v1/chat/completions',
      body: '{"model":"claude-haiku-4-5","messages":[{"role":"user","content":"Hi"}]}',
    })
    expect(response.status).toBe(429)
    expect(JSON.parse(response.body.toString()).error).toEqual(
      expect.objectContaining({ message: expect.any(String) }),
    )
  })

  it('refuses APIs that have no translation with not_implemented', async () => {
    const response = await sendRaw(harness.url, {
      path: '/v1/embeddings',
      body: '{"model":"anthropic-1/claude-haiku-4-5","input":"x"}',
    })
    expect(response.status).toBe(501)
    expect(JSON.parse(response.body.toString()).error.code).toBe('not_implemented')
  })
})
