import { describe, expect, it } from 'vitest'
import type { CanonicalStreamPart } from '../../canonical/types.js'
import { createCanonicalUsage } from '../../canonical/usage.js'
import { createConverseStreamDecoder } from './decode-stream.js'

type Event = [name: string, payload: unknown]

const toolStream: Event[] = [
  ['messageStart', { role: 'assistant', p: 'abcdefgh' }],
  ['contentBlockDelta', { contentBlockIndex: 0, delta: { reasoningContent: { text: 'Two ' } } }],
  ['contentBlockDelta', { contentBlockIndex: 0, delta: { reasoningContent: { text: 'cities.' } } }],
  ['contentBlockDelta', { contentBlockIndex: 0, delta: { reasoningContent: { signature: 'sig-1' } } }],
  ['contentBlockStop', { contentBlockIndex: 0 }],
  ['contentBlockDelta', { contentBlockIndex: 1, delta: { text: 'Checking.' } }],
  ['contentBlockStop', { contentBlockIndex: 1 }],
  [
    'contentBlockStart',
    { contentBlockIndex: 2, start: { toolUse: { toolUseId: 'tooluse_A', name: 'get_weather' } } },
  ],
  ['contentBlockDelta', { contentBlockIndex: 2, delta: { toolUse: { input: '{"city":' } } }],
  ['contentBlockDelta', { contentBlockIndex: 2, delta: { toolUse: { input: '"Paris"}' } } }],
  ['contentBlockStop', { contentBlockIndex: 2 }],
  ['messageStop', { stopReason: 'tool_use' }],
  [
    'metadata',
    { usage: { inputTokens: 20, outputTokens: 9, cacheReadInputTokens: 4 }, metrics: { latencyMs: 1 } },
  ],
]

function decodeAll(events: Event[]): CanonicalStreamPart[] {
  const decoder = createConverseStreamDecoder()
  return [...events.flatMap(([name, payload]) => decoder.pushEvent(name, payload)), ...decoder.end()]
}

describe('ConverseStream decoder', () => {
  it('decodes reasoning, text, tool input deltas and finishes on metadata with usage', () => {
    const parts = decodeAll(toolStream)
    expect(parts[0]).toEqual({ type: 'start', id: expect.stringMatching(/^msg_bdrk_/), model: '' })
    expect(parts.slice(1)).toEqual([
      { type: 'reasoning-delta', text: 'Two ' },
      { type: 'reasoning-delta', text: 'cities.' },
      { type: 'reasoning-signature', signature: 'sig-1' },
      { type: 'text-delta', text: 'Checking.' },
      { type: 'tool-call-start', index: 0, id: 'tooluse_A', name: 'get_weather' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: '{"city":' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: '"Paris"}' },
      { type: 'tool-call-end', index: 0 },
      {
        type: 'finish',
        finishReason: 'tool_calls',
        usage: createCanonicalUsage({ inputTokens: 20, outputTokens: 9, cacheReadInputTokens: 4 }),
      },
    ])
  })

  it('accepts SSE-shaped events (event type as the name, JSON as the data)', () => {
    const decoder = createConverseStreamDecoder()
    const parts = toolStream.flatMap(([event, payload]) =>
      decoder.push({ event, data: JSON.stringify(payload) }),
    )
    expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: 'tool_calls' })
    expect(decoder.push({ event: 'metadata', data: '{}' })).toEqual([])
  })

  it('turns exception events into error parts with our statuses', () => {
    const throttled = decodeAll([toolStream[0]!, ['throttlingException', { message: 'Too many tokens' }]])
    expect(throttled.at(-1)).toEqual({
      type: 'error',
      status: 429,
      errorType: 'rate_limit_error',
      code: 'throttlingException',
      message: 'Too many tokens',
    })
    const modelError = decodeAll([
      ['modelStreamErrorException', { message: 'boom', originalStatusCode: 500 }],
    ])
    expect(modelError).toEqual([
      expect.objectContaining({ type: 'error', status: 502, code: 'modelStreamErrorException' }),
    ])
  })

  it('finishes without usage when metadata never came, and reports a stream cut before messageStop', () => {
    expect(decodeAll(toolStream.slice(0, -1)).at(-1)).toEqual({
      type: 'finish',
      finishReason: 'tool_calls',
      usage: createCanonicalUsage(),
    })
    expect(decodeAll(toolStream.slice(0, 6)).at(-1)).toMatchObject({ type: 'error', code: 'provider_error' })
  })

  it('reads redacted reasoning and the stop sequence Claude names', () => {
    const parts = decodeAll([
      [
        'contentBlockDelta',
        { contentBlockIndex: 0, delta: { reasoningContent: { redactedContent: 'b64' } } },
      ],
      [
        'messageStop',
        { stopReason: 'stop_sequence', additionalModelResponseFields: { stop_sequence: 'END' } },
      ],
      ['metadata', { usage: { inputTokens: 1, outputTokens: 1 } }],
    ])
    expect(parts.slice(1)).toEqual([
      { type: 'reasoning-redacted', data: 'b64' },
      {
        type: 'finish',
        finishReason: 'stop',
        stopSequence: 'END',
        usage: createCanonicalUsage({ inputTokens: 1, outputTokens: 1 }),
      },
    ])
  })
})
