import { GatewayError } from '@gw/contract'
import { describe, expect, it } from 'vitest'
import { formatGuardrailStreamError } from './stream-error-event.js'
import { readTextDelta, writeTextDelta } from './stream-text.js'

describe('readTextDelta / writeTextDelta', () => {
  it.each([
    ['openai-chat', { choices: [{ index: 0, delta: { content: 'Hi' } }] }],
    ['openai-responses', { type: 'response.output_text.delta', delta: 'Hi' }],
    [
      'anthropic-messages',
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hi' } },
    ],
  ] as const)('reads and rewrites the text of a %s event', (wire, event) => {
    const data = structuredClone(event) as Record<string, unknown>
    expect(readTextDelta(wire, data)).toBe('Hi')
    writeTextDelta(wire, data, 'Yo')
    expect(readTextDelta(wire, data)).toBe('Yo')
  })

  it('ignores events without answer text', () => {
    expect(readTextDelta('openai-chat', { choices: [{ delta: { tool_calls: [] } }] })).toBeUndefined()
    expect(
      readTextDelta('anthropic-messages', {
        type: 'content_block_delta',
        delta: { type: 'input_json_delta' },
      }),
    ).toBeUndefined()
  })
})

describe('formatGuardrailStreamError', () => {
  const error = new GatewayError('guardrail_blocked', 'blocked', { meta: { guardrail_id: 'g' } })

  it('ends an Anthropic stream with an error event naming the code', () => {
    const event = formatGuardrailStreamError('anthropic-messages', error)
    expect(event.startsWith('event: error\ndata: ')).toBe(true)
    expect(JSON.parse(event.split('data: ')[1]!)).toEqual({
      type: 'error',
      error: { type: 'permission_error', message: 'guardrail_blocked: blocked' },
    })
  })

  it('ends a chat stream with a data error object carrying meta', () => {
    const event = formatGuardrailStreamError('openai-chat', error)
    expect(JSON.parse(event.slice(6))).toMatchObject({
      error: { code: 'guardrail_blocked', meta: { guardrail_id: 'g' } },
    })
  })
})
