// Anthropic streams translated from OpenAI: an input estimate at message_start, exact usage at the end, request ids.
import type Anthropic from '@anthropic-ai/sdk'
import { type MockProvider, startMockProvider } from '@gw/mock-provider'
import type OpenAI from 'openai'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type ProxyHarness, startProxyHarness } from '../../test-utils/proxy-harness.js'
import { closeSdkHarness, resetSdkHarness, startSdkHarness } from '../../test-utils/sdk-harness.js'
import { createProviderClient, type ProviderClient } from '../client/create-provider-client.js'
import { countPromptTokens } from '../count-tokens/count-prompt-tokens.js'

let mock: MockProvider
let client: ProviderClient
let harness: ProxyHarness
let anthropic: Anthropic
let tagged: ProxyHarness

beforeAll(async () => {
  mock = await startMockProvider({ replyText: 'Estimated and exact.' })
  client = createProviderClient({
    providers: [
      { id: 'openai-1', type: 'openai', baseUrl: `${mock.url}/v1`, credentials: { api_key: 'sk' } },
      { id: 'anthropic-1', type: 'anthropic', baseUrl: mock.url, credentials: { api_key: 'sk-ant' } },
    ],
  })
  ;({ harness, anthropic } = await startSdkHarness(client))
  tagged = await startProxyHarness(client, { requestId: 'req_gateway_42' })
})
afterEach(() => resetSdkHarness(mock, harness))
afterAll(async () => {
  await tagged.close()
  await closeSdkHarness(harness, client, mock)
})

const prompt = {
  system: 'Answer in one short sentence.',
  messages: [{ role: 'user' as const, content: 'Why is the sky blue? Explain it to a child.' }],
}

describe('translated Anthropic streams', () => {
  it('estimate input tokens in message_start and carry the exact usage in message_delta', async () => {
    const stream = anthropic.messages.stream({ model: 'gpt-4o-mini', max_tokens: 64, ...prompt })
    const events: Anthropic.MessageStreamEvent[] = []
    // The SDK mutates the message_start message as deltas arrive: keep each event as it came.
    stream.on('streamEvent', (event) => events.push(structuredClone(event)))
    const message = await stream.finalMessage()
    const start = events.find((event) => event.type === 'message_start')
    const delta = events.find((event) => event.type === 'message_delta')
    const estimate = await countPromptTokens(prompt, 'gpt-4o-mini')
    expect(start?.type === 'message_start' && start.message.usage.input_tokens).toBe(estimate)
    // The provider's own counts arrive at the end: the mock bills 72 prompt characters as 18 tokens.
    const upstreamBody = JSON.parse(mock.requests[0]!.body.toString('utf8'))
    expect(upstreamBody.stream_options).toEqual({ include_usage: true })
    expect(estimate).not.toBe(18)
    expect(delta?.type === 'message_delta' && delta.usage).toMatchObject({
      input_tokens: 18,
      output_tokens: 5,
    })
    expect(message.usage.output_tokens).toBe(5)
  })

  it('leave message_start alone when the upstream already speaks Anthropic', async () => {
    const stream = anthropic.messages.stream({ model: 'claude-haiku-4-5', max_tokens: 64, ...prompt })
    const events: Anthropic.MessageStreamEvent[] = []
    stream.on('streamEvent', (event) => events.push(structuredClone(event)))
    await stream.finalMessage()
    const start = events.find((event) => event.type === 'message_start')
    expect(start?.type === 'message_start' && start.message.usage.input_tokens).not.toBe(
      await countPromptTokens(prompt, 'claude-haiku-4-5'),
    )
  })
})

describe('request ids on translated answers', () => {
  it("give the Anthropic SDK the gateway's id as request-id, non-streaming and streaming", async () => {
    const sdk = new (await import('@anthropic-ai/sdk')).default({
      apiKey: 'k',
      baseURL: tagged.url,
      maxRetries: 0,
    })
    const message = await sdk.messages.create({ model: 'gpt-4o-mini', max_tokens: 32, ...prompt })
    expect(message._request_id).toBe('req_gateway_42')
    const { response } = await sdk.messages
      .create({ model: 'gpt-4o-mini', max_tokens: 32, stream: true, ...prompt })
      .withResponse()
    expect(response.headers.get('request-id')).toBe('req_gateway_42')
    expect(response.headers.get('x-request-id')).toBe('req_gateway_42')
  })

  it("give the OpenAI SDK the gateway's id as x-request-id, on answers and translated errors", async () => {
    const sdk: OpenAI = new (await import('openai')).default({
      apiKey: 'k',
      baseURL: `${tagged.url}/v1`,
      maxRetries: 0,
    })
    const completion = await sdk.chat.completions.create({
      model: 'claude-haiku-4-5',
      messages: [{ role: 'user', content: 'Hi' }],
    })
    expect(completion._request_id).toBe('req_gateway_42')
    mock.enqueue({ status: 400 })
    const failure = await sdk.chat.completions
      .create({ model: 'claude-haiku-4-5', messages: [{ role: 'user', content: 'Hi' }] })
      .catch((error: unknown) => error)
    expect(failure).toMatchObject({ status: 400, requestID: 'req_gateway_42' })
  })
})
