import OpenAI from 'openai'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startMockProvider } from '../server.js'
import type { MockProvider } from '../types.js'

const lookupTool = {
  type: 'function' as const,
  name: 'lookup',
  strict: false,
  parameters: { type: 'object', properties: { query: { type: 'string' } }, required: ['query'] },
}

describe('OpenAI Responses wire', () => {
  let mock: MockProvider
  let client: OpenAI

  beforeAll(async () => {
    mock = await startMockProvider({ replyText: 'Hello from the mock provider.', streamChunks: 4 })
    client = new OpenAI({ baseURL: `${mock.url}/v1`, apiKey: 'sk-test', maxRetries: 0 })
  })
  afterAll(() => mock.close())

  it('answers a response object with output_text and usage', async () => {
    const response = await client.responses.create({ model: 'gpt-4o', input: 'Say hello, please' })
    expect(response.status).toBe('completed')
    expect(response.output_text).toBe('Hello from the mock provider.')
    expect(response.usage).toMatchObject({ input_tokens: 5, output_tokens: 8, total_tokens: 13 })
  })

  it('streams the documented events in order up to response.completed', async () => {
    const stream = await client.responses.create({ model: 'gpt-4o', input: 'hi', stream: true })
    const types: string[] = []
    const sequence: number[] = []
    let text = ''
    for await (const event of stream) {
      types.push(event.type)
      sequence.push(event.sequence_number)
      if (event.type === 'response.output_text.delta') text += event.delta
    }
    expect(types.slice(0, 4)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
    ])
    expect(types.slice(-5)).toEqual([
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ])
    expect(sequence).toEqual(sequence.map((_, index) => index))
    expect(text).toBe('Hello from the mock provider.')
  })

  it('streams a function call whose arguments the SDK helper accumulates', async () => {
    const stream = client.responses.stream({ model: 'gpt-4o', input: 'find cats', tools: [lookupTool] })
    const deltas: string[] = []
    stream.on('response.function_call_arguments.delta', (event) => deltas.push(event.delta))
    const response = await stream.finalResponse()
    const call = response.output.find((item) => item.type === 'function_call')
    expect(call).toMatchObject({ type: 'function_call', name: 'lookup', arguments: '{"query":"example"}' })
    expect(deltas.length).toBeGreaterThan(1)
    expect(response.usage?.output_tokens).toBeGreaterThan(0)
  })

  it('reports a reasoning item and reasoning tokens when reasoning is requested', async () => {
    const response = await client.responses.create({
      model: 'gpt-4o',
      input: 'think',
      reasoning: { effort: 'low' },
    })
    expect(response.output[0]?.type).toBe('reasoning')
    expect(response.usage?.output_tokens_details.reasoning_tokens).toBeGreaterThan(0)
  })
})
