import OpenAI from 'openai'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startMockProvider } from '../server.js'
import type { MockProvider } from '../types.js'

const weatherTool = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string' }, days: { type: 'integer' }, metric: { type: 'boolean' } },
      required: ['city', 'days', 'metric'],
    },
  },
}
const timeTool = {
  type: 'function' as const,
  function: {
    name: 'get_time',
    parameters: { type: 'object', properties: { zone: { type: 'string' } }, required: ['zone'] },
  },
}

describe('OpenAI chat completions wire', () => {
  let mock: MockProvider
  let client: OpenAI

  beforeAll(async () => {
    mock = await startMockProvider({ replyText: 'Hello from the mock provider.', streamChunks: 4 })
    client = new OpenAI({ baseURL: `${mock.url}/v1`, apiKey: 'sk-test', maxRetries: 0 })
  })
  afterAll(() => mock.close())
  beforeEach(() => mock.reset())

  it('answers a completion with the reply and deterministic usage', async () => {
    const completion = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Say hello, please' }],
    })
    expect(completion.object).toBe('chat.completion')
    expect(completion.model).toBe('gpt-4o-mini')
    expect(completion.choices[0]?.message.content).toBe('Hello from the mock provider.')
    expect(completion.choices[0]?.finish_reason).toBe('stop')
    expect(completion.usage).toMatchObject({ prompt_tokens: 5, completion_tokens: 8, total_tokens: 13 })
    expect(completion.usage?.completion_tokens_details?.reasoning_tokens).toBe(0)
    expect(mock.requests[0]).toMatchObject({ method: 'POST', path: '/v1/chat/completions', wire: 'openai' })
  })

  it('streams text deltas and a final usage chunk when include_usage is set', async () => {
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Say hello, please' }],
      stream: true,
      stream_options: { include_usage: true },
    })
    const deltas: string[] = []
    let usage: OpenAI.CompletionUsage | null | undefined
    let finish: string | null | undefined
    for await (const chunk of stream) {
      const choice = chunk.choices[0]
      if (choice?.delta.content) deltas.push(choice.delta.content)
      if (choice?.finish_reason) finish = choice.finish_reason
      if (chunk.usage) usage = chunk.usage
    }
    expect(deltas).toHaveLength(4)
    expect(deltas.join('')).toBe('Hello from the mock provider.')
    expect(finish).toBe('stop')
    expect(usage).toMatchObject({ prompt_tokens: 5, completion_tokens: 8 })
  })

  it('streams no usage chunk without include_usage', async () => {
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    })
    const chunks = []
    for await (const chunk of stream) chunks.push(chunk)
    expect(chunks.every((chunk) => chunk.usage === undefined)).toBe(true)
  })

  it('streams parallel tool calls that the SDK accumulates into valid JSON arguments', async () => {
    const runner = client.chat.completions.stream({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'Weather and time in Paris?' }],
      tools: [weatherTool, timeTool],
    })
    const completion = await runner.finalChatCompletion()
    const message = completion.choices[0]?.message
    expect(completion.choices[0]?.finish_reason).toBe('tool_calls')
    expect(message?.tool_calls).toHaveLength(2)
    const [first, second] = (message?.tool_calls ?? []) as OpenAI.ChatCompletionMessageFunctionToolCall[]
    expect(first?.function.name).toBe('get_weather')
    expect(JSON.parse(first?.function.arguments ?? '')).toEqual({ city: 'example', days: 1, metric: true })
    expect(second?.function.name).toBe('get_time')
    expect(JSON.parse(second?.function.arguments ?? '')).toEqual({ zone: 'example' })
  })

  it('calls only the forced tool, and one tool when parallel calls are off', async () => {
    const forced = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'time?' }],
      tools: [weatherTool, timeTool],
      tool_choice: { type: 'function', function: { name: 'get_time' } },
    })
    expect(
      forced.choices[0]?.message.tool_calls?.map(
        (call) => (call as { function: { name: string } }).function.name,
      ),
    ).toEqual(['get_time'])
    const single = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'weather?' }],
      tools: [weatherTool, timeTool],
      parallel_tool_calls: false,
    })
    expect(single.choices[0]?.message.tool_calls).toHaveLength(1)
  })

  it('answers in text when tool_choice is none or the last message is a tool result', async () => {
    const none = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'weather?' }],
      tools: [weatherTool],
      tool_choice: 'none',
    })
    expect(none.choices[0]?.message.content).toBe('Hello from the mock provider.')
    const afterTool = await client.chat.completions.create({
      model: 'gpt-4o',
      tools: [weatherTool],
      messages: [
        { role: 'user', content: 'weather?' },
        {
          role: 'assistant',
          tool_calls: [
            { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{}' } },
          ],
        },
        { role: 'tool', tool_call_id: 'call_1', content: 'sunny' },
      ],
    })
    expect(afterTool.choices[0]?.finish_reason).toBe('stop')
  })

  it('reports reasoning tokens for o-series models', async () => {
    const completion = await client.chat.completions.create({
      model: 'o4-mini',
      messages: [{ role: 'user', content: 'think' }],
    })
    const reasoning = completion.usage?.completion_tokens_details?.reasoning_tokens ?? 0
    expect(reasoning).toBeGreaterThan(0)
    expect(completion.usage?.completion_tokens).toBe(8 + reasoning)
  })

  it('rejects a request without messages with a typed 400', async () => {
    const error = await client.chat.completions
      .create({ model: 'gpt-4o' } as unknown as OpenAI.ChatCompletionCreateParamsNonStreaming)
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(OpenAI.BadRequestError)
  })
})
