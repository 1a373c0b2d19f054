import { describe, expect, it } from 'vitest'
import { loadFixture, payloadsOf } from '../../../test-utils/sse.js'
import { createCanonicalUsage } from '../../canonical/usage.js'
import { createResponsesStreamDecoder } from './decode-stream.js'
import { createResponsesStreamEncoder } from './encode-stream.js'

describe('OpenAI Responses stream decoder', () => {
  it('decodes reasoning summary, text, a function call and usage from a recorded stream', () => {
    const decoder = createResponsesStreamDecoder()
    const parts = loadFixture('openai-responses-tool-call.chunks.txt').flatMap((event) => decoder.push(event))
    expect(parts).toEqual([
      { type: 'start', id: 'resp_68ab', model: 'gpt-5-2025-08-07', created: 1_730_000_200 },
      { type: 'reasoning-delta', text: 'Need the weather.' },
      { type: 'text-delta', text: 'Let me check.' },
      { type: 'tool-call-start', index: 0, id: 'call_W1', name: 'get_weather' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: '{"city":' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: '"Paris"}' },
      { type: 'tool-call-end', index: 0 },
      {
        type: 'finish',
        finishReason: 'tool_calls',
        usage: createCanonicalUsage({
          inputTokens: 176,
          outputTokens: 140,
          cacheReadInputTokens: 1024,
          reasoningTokens: 64,
        }),
      },
    ])
  })

  it('sends arguments given only in the done event, once', () => {
    const decoder = createResponsesStreamDecoder()
    const item = { id: 'fc', type: 'function_call', call_id: 'c', name: 'f', arguments: '' }
    decoder.push({ data: JSON.stringify({ type: 'response.output_item.added', output_index: 0, item }) })
    const done = decoder.push({
      data: JSON.stringify({
        type: 'response.function_call_arguments.done',
        item_id: 'fc',
        output_index: 0,
        arguments: '{}',
      }),
    })
    const itemDone = decoder.push({
      data: JSON.stringify({
        type: 'response.output_item.done',
        output_index: 0,
        item: { ...item, arguments: '{}' },
      }),
    })
    expect([...done, ...itemDone]).toEqual([
      { type: 'tool-call-delta', index: 0, argumentsDelta: '{}' },
      { type: 'tool-call-end', index: 0 },
    ])
  })

  it('reads response.failed as an error', () => {
    const decoder = createResponsesStreamDecoder()
    const failed = {
      type: 'response.failed',
      response: { status: 'failed', error: { code: 'server_error', message: 'down' } },
    }
    expect(decoder.push({ data: JSON.stringify(failed) })).toEqual([
      { type: 'error', errorType: 'api_error', code: 'server_error', message: 'down' },
    ])
  })
})

describe('OpenAI Responses stream encoder', () => {
  it('re-encodes a recorded stream into the same event types in the same order', () => {
    const events = loadFixture('openai-responses-tool-call.chunks.txt')
    const decoder = createResponsesStreamDecoder()
    const encoder = createResponsesStreamEncoder({ requestModel: 'm' })
    const text = events
      .flatMap((event) => decoder.push(event))
      .map((part) => encoder.encode(part))
      .join('')
    const payloads = payloadsOf(text)
    expect(payloads.map((payload) => payload.event)).toEqual(events.map((event) => event.event))
    expect(payloads.map(({ data }) => data.sequence_number)).toEqual(events.map((_, index) => index))
    expect(payloads.at(-1)?.data.response.usage).toEqual(JSON.parse(events.at(-1)!.data).response.usage)
  })
})
