// End to end with the official OpenAI and Anthropic SDKs through a virtual key, the gateway and
// the mock provider: chat (plain, streamed, tools), embeddings, Responses, Messages,
// count_tokens, beta headers, and cache_control bodies that must arrive byte for byte.
import Anthropic from '@anthropic-ai/sdk'
import OpenAI from 'openai'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startStack, type TestStack } from '../test-utils/start-stack.js'
import { postV1 } from '../test-utils/v1-http.js'

let stack: TestStack
let key: string
let openai: OpenAI
let anthropic: Anthropic

beforeAll(async () => {
  stack = await startStack()
  key = (await stack.createKey()).key
  openai = new OpenAI({ apiKey: key, baseURL: `${stack.gateway.url}/v1`, maxRetries: 0 })
  anthropic = new Anthropic({ apiKey: key, baseURL: stack.gateway.url, maxRetries: 0 })
})
afterAll(() => stack?.close())

const messages = [{ role: 'user' as const, content: 'Hello there' }]
const claude = 'claude-haiku-4-5'
const lastMockBody = () => JSON.parse(stack.mock.requests.at(-1)!.body.toString('utf8'))

describe('chat completions', () => {
  it('answers with the reply, its usage and the routing headers', async () => {
    const { data: completion, response } = await openai.chat.completions
      .create({ model: 'gpt-4o-mini', messages })
      .withResponse()
    expect(completion.choices[0]?.message.content).toBe('Hello from the mock provider.')
    expect(completion.usage).toMatchObject({ prompt_tokens: expect.any(Number), completion_tokens: 8 })
    expect(response.headers.get('x-langwatch-provider')).toBe(stack.providers.openai)
    expect(response.headers.get('x-langwatch-fallback-count')).toBeNull()
    expect(response.headers.get('x-request-id')).toMatch(/^req_/)
  })

  it('streams a final usage chunk when stream_options.include_usage is set', async () => {
    const stream = await openai.chat.completions.create({
      model: 'gpt-4o-mini',
      messages,
      stream: true,
      stream_options: { include_usage: true },
    })
    const chunks = []
    for await (const chunk of stream) chunks.push(chunk)
    const text = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('')
    expect(text).toBe('Hello from the mock provider.')
    const last = chunks.at(-1)!
    expect(last.choices).toEqual([])
    expect(last.usage).toMatchObject({ completion_tokens: 8, total_tokens: expect.any(Number) })
  })

  it('hides the usage chunk from a client that did not ask for it (while still asking upstream)', async () => {
    const stream = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages, stream: true })
    const chunks = []
    for await (const chunk of stream) chunks.push(chunk)
    expect(chunks.length).toBeGreaterThan(1)
    expect(chunks.some((chunk) => chunk.usage != null)).toBe(false)
    expect(chunks.every((chunk) => chunk.choices.length > 0)).toBe(true)
    expect(lastMockBody().stream_options).toEqual({ include_usage: true })
  })

  it('streams a 200 KB agent turn whose body reaches the provider whole (sent in pieces)', async () => {
    // Large enough that the edited body goes upstream as pieces over the client's bytes.
    const history = Array.from({ length: 400 }, (_, turn) => ({
      role: turn % 2 === 0 ? ('user' as const) : ('assistant' as const),
      content: `turn ${turn}: é "quoted" \\ ${'x'.repeat(480)}`,
    }))
    const stream = await openai.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: history,
      stream: true,
    })
    const chunks = []
    for await (const chunk of stream) chunks.push(chunk)
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('')).toBe(
      'Hello from the mock provider.',
    )
    const received = stack.mock.requests.at(-1)!
    expect(received.body.length).toBeGreaterThan(200_000)
    expect(received.headers['content-length']).toBe(String(received.body.length))
    expect(JSON.parse(received.body.toString('utf8'))).toEqual({
      model: 'gpt-4o-mini',
      messages: history,
      stream: true,
      stream_options: { include_usage: true },
    })
  })

  it('accumulates streamed tool-call argument deltas into the final completion', async () => {
    const stream = openai.chat.completions.stream({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Weather in Paris for two days?' }],
      tools: [
        {
          type: 'function',
          function: {
            name: 'get_weather',
            parameters: {
              type: 'object',
              properties: { city: { type: 'string' }, days: { type: 'number' } },
              required: ['city', 'days'],
            },
          },
        },
      ],
    })
    let argumentDeltas = 0
    stream.on('chunk', (chunk) => {
      for (const call of chunk.choices[0]?.delta.tool_calls ?? [])
        if (call.function?.arguments) argumentDeltas++
    })
    const completion = await stream.finalChatCompletion()
    const message = completion.choices[0]!.message
    expect(completion.choices[0]?.finish_reason).toBe('tool_calls')
    expect(message.tool_calls).toHaveLength(1)
    const call = message.tool_calls![0]!
    expect(call.type === 'function' && call.function.name).toBe('get_weather')
    expect(call.type === 'function' && JSON.parse(call.function.arguments)).toEqual({
      city: 'example',
      days: 1,
    })
    expect(argumentDeltas).toBeGreaterThan(1)
  })
})

describe('embeddings', () => {
  it('returns float vectors, and base64 ones the SDK decodes to the same numbers', async () => {
    const asFloat = await openai.embeddings.create({
      model: 'text-embedding-3-small',
      input: 'the quick brown fox',
      encoding_format: 'float',
    })
    const vector = asFloat.data[0]!.embedding
    expect(vector).toHaveLength(8)
    expect(lastMockBody().encoding_format).toBe('float')

    const decoded = await openai.embeddings.create({
      model: 'text-embedding-3-small',
      input: 'the quick brown fox',
    })
    expect(lastMockBody().encoding_format).toBe('base64')
    const decodedVector = decoded.data[0]!.embedding
    expect(decodedVector).toHaveLength(8)
    for (const [index, value] of decodedVector.entries()) expect(value).toBeCloseTo(vector[index]!, 6)
    expect(decoded.usage.prompt_tokens).toBeGreaterThan(0)
  })
})

describe('responses', () => {
  it('streams a response that ends with response.completed carrying usage', async () => {
    const stream = openai.responses.stream({ model: 'gpt-4o-mini', input: 'Hello there' })
    const events: string[] = []
    for await (const event of stream) events.push(event.type)
    const response = await stream.finalResponse()
    expect(events.at(-1)).toBe('response.completed')
    expect(events).toContain('response.output_text.delta')
    expect(response.output_text).toBe('Hello from the mock provider.')
    expect(response.status).toBe('completed')
    expect(response.usage).toMatchObject({ input_tokens: expect.any(Number), output_tokens: 8 })
  })

  it('answers a non-streamed response', async () => {
    const response = await openai.responses.create({ model: 'gpt-4o-mini', input: 'Hello there' })
    expect(response.output_text).toBe('Hello from the mock provider.')
  })
})

describe('messages', () => {
  it('answers a message with its usage', async () => {
    const { data: message, response } = await anthropic.messages
      .create({ model: claude, max_tokens: 64, messages })
      .withResponse()
    expect(response.headers.get('x-langwatch-provider')).toBe(stack.providers.anthropic)
    expect(message.content).toEqual([{ type: 'text', text: 'Hello from the mock provider.' }])
    expect(message.usage).toMatchObject({ input_tokens: expect.any(Number), output_tokens: 8 })
    expect(stack.mock.requests.at(-1)).toMatchObject({ wire: 'anthropic', operation: 'messages' })
  })

  it('streams a message the SDK assembles with finalMessage()', async () => {
    const stream = anthropic.messages.stream({ model: claude, max_tokens: 64, messages })
    let deltas = 0
    stream.on('text', () => deltas++)
    const message = await stream.finalMessage()
    expect(message.content[0]).toMatchObject({ type: 'text', text: 'Hello from the mock provider.' })
    expect(message.stop_reason).toBe('end_turn')
    expect(message.usage.output_tokens).toBe(8)
    expect(deltas).toBeGreaterThan(1)
  })

  it('counts tokens', async () => {
    const counted = await anthropic.messages.countTokens({ model: claude, messages })
    expect(counted.input_tokens).toBeGreaterThan(0)
    expect(stack.mock.requests.at(-1)).toMatchObject({ operation: 'count_tokens' })
  })

  it('forwards the anthropic-beta header the SDK sends for beta features', async () => {
    const message = await anthropic.beta.messages.create({
      model: claude,
      max_tokens: 64,
      messages,
      betas: ['token-efficient-tools-2025-02-19'],
    })
    expect(message.content[0]).toMatchObject({ type: 'text' })
    expect(stack.mock.requests.at(-1)!.headers['anthropic-beta']).toBe('token-efficient-tools-2025-02-19')
  })

  it('forwards the ?beta=true query (as Claude Code sends it) with the beta header', async () => {
    const answer = await postV1(
      stack.gateway.url,
      '/v1/messages?beta=true',
      { model: claude, max_tokens: 64, messages },
      {
        'x-api-key': key,
        'anthropic-version': '2023-06-01',
        'anthropic-beta': 'interleaved-thinking-2025-05-14',
      },
    )
    expect(answer.status).toBe(200)
    const received = stack.mock.requests.at(-1)!
    expect(received.path).toBe('/v1/messages')
    expect(received.query).toEqual({ beta: 'true' })
    expect(received.headers['anthropic-beta']).toBe('interleaved-thinking-2025-05-14')
  })
})

describe('cache_control', () => {
  // Odd spacing, key order, number spellings and escapes: any re-serialisation would show.
  const body = Buffer.from(
    `{ "max_tokens" : 64.0,"model":"${claude}",
  "system": [ {"type":"text","text":"You are terse.\\u00e9","cache_control":{"type":"ephemeral"} } ],
  "tools":[{"name":"lookup","description":"Find a fact","input_schema":{"type":"object","properties":{}},"cache_control":{"type":"ephemeral","ttl":"1h"}}],
  "messages" : [ {"role":"user","content":[{"type":"text","text":"Long shared prefix","cache_control":{"type":"ephemeral"}},{"type":"text","text":"Question?"}]} ],
  "tool_choice":{"type":"none"}, "x_unknown_field": [1e3, -0.0, true] }`,
  )

  it('reaches the provider byte for byte and is honoured there', async () => {
    const before = stack.mock.requests.length
    const first = await postV1(stack.gateway.url, '/v1/messages', body, {
      'x-api-key': key,
      'anthropic-version': '2023-06-01',
    })
    expect(first.status).toBe(200)
    const received = stack.mock.requests.slice(before)
    expect(received).toHaveLength(1)
    expect(received[0]!.body.equals(body)).toBe(true)
    expect((first.json().usage as Record<string, number>).cache_creation_input_tokens).toBeGreaterThan(0)

    const second = await postV1(stack.gateway.url, '/v1/messages', body, {
      'x-api-key': key,
      'anthropic-version': '2023-06-01',
    })
    expect(stack.mock.requests.at(-1)!.body.equals(body)).toBe(true)
    expect((second.json().usage as Record<string, number>).cache_read_input_tokens).toBeGreaterThan(0)
  })

  it('passes SDK-built cache_control blocks through unchanged', async () => {
    let sent: string | undefined
    const recording = new Anthropic({
      apiKey: key,
      baseURL: stack.gateway.url,
      maxRetries: 0,
      fetch: async (input, init) => {
        sent = init?.body as string
        return fetch(input, init)
      },
    })
    await recording.messages.create({
      model: claude,
      max_tokens: 64,
      system: [{ type: 'text', text: 'Shared system prompt', cache_control: { type: 'ephemeral' } }],
      messages,
    })
    expect(typeof sent).toBe('string')
    expect(stack.mock.requests.at(-1)!.body.toString('utf8')).toBe(sent)
  })
})
