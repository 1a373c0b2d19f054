import { describe, expect, it } from 'vitest'
import { loadFixture, payloadsOf, type WireJson } from '../../../test-utils/sse.js'
import { createCanonicalUsage } from '../../canonical/usage.js'
import { createChatStreamDecoder } from './decode-stream.js'
import { createChatStreamEncoder } from './encode-stream.js'

describe('OpenAI Chat stream decoder', () => {
  it('decodes parallel tool calls, holds finish until [DONE] and reads usage', () => {
    const decoder = createChatStreamDecoder()
    const parts = loadFixture('openai-chat-tool-calls.chunks.txt').flatMap((event) => decoder.push(event))
    expect(parts).toEqual([
      { type: 'start', id: 'chatcmpl-9xYz', model: 'gpt-4o-2024-08-06', created: 1_730_000_000 },
      { type: 'tool-call-start', index: 0, id: 'call_Paris1', name: 'get_weather' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: '{"city":' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: ' "Paris"}' },
      { type: 'tool-call-end', index: 0 },
      { type: 'tool-call-start', index: 1, id: 'call_Rome2', name: 'get_weather' },
      { type: 'tool-call-delta', index: 1, argumentsDelta: '{"city": "Rome"}' },
      { type: 'tool-call-end', index: 1 },
      {
        type: 'finish',
        finishReason: 'tool_calls',
        usage: createCanonicalUsage({ inputTokens: 512, outputTokens: 48, cacheReadInputTokens: 2048 }),
      },
    ])
    expect(decoder.end()).toEqual([])
  })

  it('finishes at the end of a stream without [DONE] once a finish_reason was seen', () => {
    const decoder = createChatStreamDecoder()
    const events = loadFixture('openai-chat-text.chunks.txt').slice(0, 4)
    for (const event of events) decoder.push(event)
    expect(decoder.end()).toEqual([{ type: 'finish', finishReason: 'stop', usage: createCanonicalUsage() }])
  })

  it('reads an error chunk', () => {
    const decoder = createChatStreamDecoder()
    expect(decoder.push({ data: '{"error":{"message":"boom","type":"server_error","code":null}}' })).toEqual([
      { type: 'error', errorType: 'server_error', message: 'boom' },
    ])
  })
})

describe('OpenAI Chat stream encoder', () => {
  it('round-trips a recorded stream chunk for chunk: deltas, finish reason, usage, [DONE]', () => {
    const events = loadFixture('openai-chat-text.chunks.txt')
    const decoder = createChatStreamDecoder()
    const encoder = createChatStreamEncoder({ requestModel: 'm', includeUsage: true })
    const text = events
      .flatMap((event) => decoder.push(event))
      .map((part) => encoder.encode(part))
      .join('')
    const summarise = (chunk: WireJson) =>
      chunk === '[DONE]'
        ? chunk
        : [
            chunk.id,
            chunk.created,
            chunk.choices[0]?.delta,
            chunk.choices[0]?.finish_reason,
            chunk.usage ?? null,
          ]
    const expected = events.map((event) => (event.data === '[DONE]' ? '[DONE]' : JSON.parse(event.data)))
    expect(payloadsOf(text).map(({ data }) => summarise(data))).toEqual(expected.map(summarise))
  })

  it('writes pings as SSE comments and an error as an error chunk without [DONE]', () => {
    const encoder = createChatStreamEncoder({ requestModel: 'm' })
    expect(encoder.encode({ type: 'ping' })).toBe(': ping\n\n')
    const text = encoder.encode({
      type: 'error',
      errorType: 'api_error',
      code: 'provider_error',
      message: 'x',
    })
    expect(text).toBe(
      'data: {"error":{"type":"api_error","code":"provider_error","message":"x","param":null}}\n\n',
    )
    expect(encoder.done).toBe(true)
  })
})
