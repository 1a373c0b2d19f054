import { describe, expect, it } from 'vitest'
import { decodeAnthropicResponse } from './decode-response.js'
import { encodeAnthropicResponse } from './encode-response.js'
import { decodeAnthropicStopReason, encodeAnthropicStopReason } from './finish-reason.js'

const message = {
  id: 'msg_1',
  type: 'message',
  role: 'assistant',
  model: 'claude-sonnet-4-5',
  content: [
    { type: 'thinking', thinking: 'Hmm.', signature: 'sig' },
    { type: 'redacted_thinking', data: 'opaque' },
    { type: 'text', text: 'Done' },
    { type: 'tool_use', id: 'toolu_1', name: 'f', input: { a: 1 } },
  ],
  stop_reason: 'stop_sequence',
  stop_sequence: 'END',
  usage: { input_tokens: 5, output_tokens: 7, cache_creation_input_tokens: 2, cache_read_input_tokens: 3 },
}

describe('Anthropic response round trip', () => {
  it('decodes and re-encodes a message unchanged, stop sequence and cache usage included', () => {
    expect(encodeAnthropicResponse(decodeAnthropicResponse(message))).toEqual(message)
  })

  it('reads usage with cache counters apart from input tokens', () => {
    expect(decodeAnthropicResponse(message).usage).toEqual({
      inputTokens: 5,
      outputTokens: 7,
      cacheReadInputTokens: 3,
      cacheCreationInputTokens: 2,
      reasoningTokens: 0,
    })
  })

  it('skips server tool blocks other wires cannot show', () => {
    const withServerTool = {
      ...message,
      content: [
        { type: 'server_tool_use', id: 's', name: 'web_search', input: {} },
        { type: 'text', text: 'x' },
      ],
    }
    expect(decodeAnthropicResponse(withServerTool).content).toEqual([{ type: 'text', text: 'x' }])
  })
})

describe('Anthropic stop reasons', () => {
  it.each([
    ['end_turn', 'stop'],
    ['stop_sequence', 'stop'],
    ['pause_turn', 'stop'],
    ['max_tokens', 'length'],
    ['model_context_window_exceeded', 'length'],
    ['tool_use', 'tool_calls'],
    ['refusal', 'content_filter'],
  ] as const)('reads %s as %s', (reason, expected) => {
    expect(decodeAnthropicStopReason(reason)).toBe(expected)
  })

  it('writes canonical reasons back', () => {
    expect(encodeAnthropicStopReason('stop')).toBe('end_turn')
    expect(encodeAnthropicStopReason('stop', 'END')).toBe('stop_sequence')
    expect(encodeAnthropicStopReason('length')).toBe('max_tokens')
    expect(encodeAnthropicStopReason('tool_calls')).toBe('tool_use')
    expect(encodeAnthropicStopReason('content_filter')).toBe('refusal')
  })
})
