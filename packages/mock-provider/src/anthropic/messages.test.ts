import Anthropic from '@anthropic-ai/sdk'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startMockProvider } from '../server.js'
import type { MockProvider } from '../types.js'

const weatherTool = {
  name: 'get_weather',
  input_schema: {
    type: 'object' as const,
    properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['c', 'f'] } },
    required: ['city', 'unit'],
  },
}
const timeTool = {
  name: 'get_time',
  input_schema: { type: 'object' as const, properties: { zone: { type: 'string' } }, required: ['zone'] },
}
const user = (content: string) => [{ role: 'user' as const, content }]

describe('Anthropic Messages wire', () => {
  let mock: MockProvider
  let client: Anthropic

  beforeAll(async () => {
    mock = await startMockProvider({ replyText: 'Hello from the mock provider.', streamChunks: 3 })
    client = new Anthropic({ baseURL: mock.url, apiKey: 'sk-ant-test', maxRetries: 0 })
  })
  afterAll(() => mock.close())
  beforeEach(() => mock.reset())

  it('answers a message with text, end_turn and usage', async () => {
    const message = await client.messages.create({
      model: 'claude-sonnet-4-6',
      max_tokens: 100,
      messages: user('Say hello, please'),
    })
    expect(message.type).toBe('message')
    expect(message.content).toEqual([{ type: 'text', text: 'Hello from the mock provider.' }])
    expect(message.stop_reason).toBe('end_turn')
    expect(message.usage).toMatchObject({ input_tokens: 5, output_tokens: 8, cache_read_input_tokens: 0 })
    expect(mock.requests[0]).toMatchObject({ path: '/v1/messages', wire: 'anthropic', operation: 'messages' })
  })

  it('streams text deltas the SDK assembles into the final message', async () => {
    const stream = client.messages.stream({
      model: 'claude-sonnet-4-6',
      max_tokens: 100,
      messages: user('hi'),
    })
    const deltas: string[] = []
    stream.on('text', (text) => deltas.push(text))
    const message = await stream.finalMessage()
    expect(deltas).toHaveLength(3)
    expect(message.content).toMatchObject([{ type: 'text', text: 'Hello from the mock provider.' }])
    expect(message.stop_reason).toBe('end_turn')
    expect(message.usage.output_tokens).toBe(8)
  })

  it('streams the documented event sequence, ping included', async () => {
    const stream = await client.messages.create({
      model: 'claude-sonnet-4-6',
      max_tokens: 100,
      messages: user('hi'),
      stream: true,
    })
    const types: string[] = []
    for await (const event of stream) types.push(event.type)
    expect(types[0]).toBe('message_start')
    expect(types.slice(-2)).toEqual(['message_delta', 'message_stop'])
    expect(types).toContain('content_block_stop')
    const raw = await fetch(`${mock.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({
        model: 'claude-sonnet-4-6',
        max_tokens: 10,
        messages: user('hi'),
        stream: true,
      }),
    })
    expect(await raw.text()).toContain('event: ping\n')
  })

  it('streams parallel tool_use blocks through input_json_delta', async () => {
    const stream = client.messages.stream({
      model: 'claude-sonnet-4-6',
      max_tokens: 100,
      messages: user('weather and time?'),
      tools: [weatherTool, timeTool],
    })
    const fragments: string[] = []
    stream.on('inputJson', (partial) => fragments.push(partial))
    const message = await stream.finalMessage()
    expect(message.stop_reason).toBe('tool_use')
    expect(message.content).toMatchObject([
      { type: 'tool_use', name: 'get_weather', input: { city: 'example', unit: 'c' } },
      { type: 'tool_use', name: 'get_time', input: { zone: 'example' } },
    ])
    expect(fragments.length).toBeGreaterThan(2)
  })

  it('calls one tool when parallel use is disabled, and the named one when forced', async () => {
    const single = await client.messages.create({
      model: 'claude-sonnet-4-6',
      max_tokens: 100,
      messages: user('weather?'),
      tools: [weatherTool, timeTool],
      tool_choice: { type: 'auto', disable_parallel_tool_use: true },
    })
    expect(single.content.map((block) => block.type)).toEqual(['tool_use'])
    const forced = await client.messages.create({
      model: 'claude-sonnet-4-6',
      max_tokens: 100,
      messages: user('time?'),
      tools: [weatherTool, timeTool],
      tool_choice: { type: 'tool', name: 'get_time' },
    })
    expect(forced.content).toMatchObject([{ type: 'tool_use', name: 'get_time' }])
  })

  it('emits a signed thinking block when thinking is enabled', async () => {
    const message = await client.messages
      .stream({
        model: 'claude-sonnet-4-6',
        max_tokens: 2000,
        thinking: { type: 'enabled', budget_tokens: 1024 },
        messages: user('think'),
      })
      .finalMessage()
    const [thinking, text] = message.content
    expect(thinking?.type).toBe('thinking')
    expect(
      thinking?.type === 'thinking' && thinking.thinking.length > 0 && thinking.signature.length > 0,
    ).toBe(true)
    expect(text?.type).toBe('text')
    expect(message.usage.output_tokens).toBeGreaterThan(8)
  })

  it('reports a cache write for a new cache_control prefix and a read when it repeats', async () => {
    const system = [
      { type: 'text' as const, text: 'x'.repeat(4000), cache_control: { type: 'ephemeral' as const } },
    ]
    const ask = () =>
      client.messages.create({
        model: 'claude-sonnet-4-6',
        max_tokens: 10,
        system,
        messages: user('hi there!'),
      })
    const first = await ask()
    const second = await ask()
    expect(first.usage).toMatchObject({ cache_creation_input_tokens: 1000, cache_read_input_tokens: 0 })
    expect(second.usage).toMatchObject({ cache_creation_input_tokens: 0, cache_read_input_tokens: 1000 })
    expect(second.usage.input_tokens).toBe(3)
  })

  it('counts tokens without creating a cache entry', async () => {
    const counted = await client.messages.countTokens({
      model: 'claude-sonnet-4-6',
      messages: user('12345678'),
    })
    expect(counted).toEqual({ input_tokens: 2 })
  })

  it('refuses a request without anthropic-version', async () => {
    const response = await fetch(`${mock.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'claude-sonnet-4-6', max_tokens: 10, messages: user('hi') }),
    })
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } })
  })

  it('lists models in Anthropic shape for the Anthropic client', async () => {
    const page = await client.models.list()
    expect(page.data.length).toBeGreaterThan(0)
    expect(page.data[0]).toMatchObject({ type: 'model' })
  })
})
