import { describe, expect, it } from 'vitest'
import { loadFixture, payloadsOf } from '../../../test-utils/sse.js'
import type { CanonicalStreamPart } from '../../canonical/types.js'
import { createCanonicalUsage } from '../../canonical/usage.js'
import { createAnthropicStreamDecoder } from './decode-stream.js'
import { createAnthropicStreamEncoder } from './encode-stream.js'

function decodeFixture(name: string): CanonicalStreamPart[] {
  const decoder = createAnthropicStreamDecoder()
  return [...loadFixture(name).flatMap((event) => decoder.push(event)), ...decoder.end()]
}

describe('Anthropic stream decoder', () => {
  it('decodes text, parallel tool calls, ping and usage from a recorded stream', () => {
    expect(decodeFixture('anthropic-tool-use.chunks.txt')).toEqual([
      {
        type: 'start',
        id: 'msg_01AbC',
        model: 'claude-sonnet-4-5-20250929',
        usage: createCanonicalUsage({
          inputTokens: 412,
          outputTokens: 1,
          cacheReadInputTokens: 2048,
          cacheCreationInputTokens: 100,
        }),
      },
      { type: 'ping' },
      { type: 'text-delta', text: 'Checking both' },
      { type: 'text-delta', text: ' cities.' },
      { type: 'tool-call-start', index: 0, id: 'toolu_01Paris', name: 'get_weather' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: '{"city": ' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: '"Paris"}' },
      { type: 'tool-call-end', index: 0 },
      { type: 'tool-call-start', index: 1, id: 'toolu_02Rome', name: 'get_weather' },
      { type: 'tool-call-delta', index: 1, argumentsDelta: '{"city":' },
      { type: 'tool-call-delta', index: 1, argumentsDelta: ' "Rome"}' },
      { type: 'tool-call-end', index: 1 },
      {
        type: 'finish',
        finishReason: 'tool_calls',
        usage: createCanonicalUsage({
          inputTokens: 412,
          outputTokens: 87,
          cacheReadInputTokens: 2048,
          cacheCreationInputTokens: 100,
        }),
      },
    ])
  })

  it('decodes thinking deltas and the signature', () => {
    const parts = decodeFixture('anthropic-thinking.chunks.txt')
    expect(parts.filter((part) => part.type.startsWith('reasoning'))).toEqual([
      { type: 'reasoning-delta', text: 'The user wants' },
      { type: 'reasoning-delta', text: ' a haiku.' },
      { type: 'reasoning-signature', signature: 'EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxsig==' },
    ])
  })

  it('reports a stream that ends without message_stop', () => {
    const decoder = createAnthropicStreamDecoder()
    decoder.push(loadFixture('anthropic-thinking.chunks.txt')[0]!)
    expect(decoder.end()).toMatchObject([{ type: 'error', code: 'provider_error' }])
  })
})

describe('Anthropic stream encoder', () => {
  it('round-trips a recorded stream event for event', () => {
    const events = loadFixture('anthropic-thinking.chunks.txt')
    const decoder = createAnthropicStreamDecoder()
    const encoder = createAnthropicStreamEncoder({ requestModel: 'm' })
    const text = events
      .flatMap((event) => decoder.push(event))
      .map((part) => encoder.encode(part))
      .join('')
    const usage = {
      input_tokens: 30,
      output_tokens: 52,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
    }
    expect(payloadsOf(text).map(({ data }) => data)).toEqual(
      events.map((event) => {
        const data = JSON.parse(event.data)
        if (data.type === 'message_start') data.message.usage = { ...usage, output_tokens: 1 }
        if (data.type === 'message_delta') data.usage = usage
        return data
      }),
    )
  })

  it('writes pings, redacted thinking, and opens message_start for content that comes first', () => {
    const encoder = createAnthropicStreamEncoder({ requestModel: 'client-model', now: () => 7 })
    const text =
      encoder.encode({ type: 'ping' }) + encoder.encode({ type: 'reasoning-redacted', data: 'opaque' })
    expect(
      payloadsOf(text).map(({ event, data }) => [event, data.content_block ?? data.message?.id ?? null]),
    ).toEqual([
      ['ping', null],
      ['message_start', 'msg_gw_7'],
      ['content_block_start', { type: 'redacted_thinking', data: 'opaque' }],
      ['content_block_stop', null],
    ])
  })

  it('writes nothing after the stream finished', () => {
    const encoder = createAnthropicStreamEncoder({ requestModel: 'm' })
    encoder.encode({ type: 'finish', finishReason: 'stop', usage: createCanonicalUsage() })
    expect(encoder.done).toBe(true)
    expect(encoder.encode({ type: 'text-delta', text: 'late' })).toBe('')
  })
})
