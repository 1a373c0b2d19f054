import { describe, expect, it } from 'vitest'
import { anthropicBody } from '../../../test-utils/requests.js'
import type { CanonicalRequest } from '../../canonical/types.js'
import type { CanonicalParam, EncodeContext } from '../context.js'
import { decodeAnthropicRequest } from './decode-request.js'
import { encodeAnthropicRequest, jsonObjectInstruction } from './encode-request.js'

function encode(request: CanonicalRequest, overrides: Partial<EncodeContext> = {}) {
  const dropped: CanonicalParam[] = []
  const body = encodeAnthropicRequest(request, {
    model: 'claude-sonnet-4-5',
    defaultMaxTokens: 4096,
    reasoningModel: true,
    drop: (param) => dropped.push(param),
    ...overrides,
  })
  return { body, dropped }
}

const decode = (body: Record<string, unknown>) => decodeAnthropicRequest(body, { drop: () => undefined })
const user = (text: string) => ({ role: 'user' as const, content: [{ type: 'text' as const, text }] })

describe('Anthropic request round trip', () => {
  it('decodes and re-encodes a full body, normalising only the documented details', () => {
    const { body, dropped } = encode(decode(anthropicBody))
    const { temperature: _dropped, ...expected } = anthropicBody
    const toolResults = expected.messages[2]!.content
    expect(body).toEqual({
      ...expected,
      messages: [
        expected.messages[0],
        expected.messages[1],
        {
          role: 'user',
          content: [
            toolResults[0],
            { type: 'tool_result', tool_use_id: 'toolu_2', content: 'Rain, 18C' },
            toolResults[2],
          ],
        },
      ],
    })
    expect(dropped).toEqual(['temperature'])
  })

  it('reads thinking, adaptive thinking and output_config.effort', () => {
    const base = { model: 'c', max_tokens: 10, messages: [] }
    expect(decode({ ...base, thinking: { type: 'enabled', budget_tokens: 2048 } }).reasoning).toEqual({
      budgetTokens: 2048,
      summary: 'auto',
    })
    expect(decode({ ...base, thinking: { type: 'adaptive' } }).reasoning).toEqual({
      effort: 'medium',
      summary: 'auto',
    })
    expect(decode({ ...base, output_config: { effort: 'max' } }).reasoning).toEqual({ effort: 'xhigh' })
    expect(decode({ ...base, thinking: { type: 'disabled' } }).reasoning).toBeUndefined()
  })

  it('drops server tools and refuses a tool_choice that names one', () => {
    const dropped: string[] = []
    const body = {
      model: 'c',
      max_tokens: 10,
      messages: [],
      tools: [{ type: 'web_search_20250305', name: 'web_search' }],
    }
    expect(decodeAnthropicRequest(body, { drop: (param) => dropped.push(param) }).tools).toEqual([])
    expect(dropped).toEqual(['tools[web_search_20250305]'])
    expect(() => decode({ ...body, tool_choice: { type: 'tool', name: 'web_search' } })).toThrow(
      'server tool',
    )
  })

  it('maps disable_parallel_tool_use both ways', () => {
    const request = decode({
      ...anthropicBody,
      tool_choice: { type: 'any', disable_parallel_tool_use: true },
    })
    expect(request.toolChoice).toBe('required')
    expect(request.parallelToolCalls).toBe(false)
    expect(encode({ ...request, reasoning: undefined }).body.tool_choice).toEqual({
      type: 'any',
      disable_parallel_tool_use: true,
    })
  })
})

describe('Anthropic request encoding', () => {
  it('hoists mid-conversation system text, merges same-role turns and starts with a user turn', () => {
    const { body } = encode({
      system: [{ type: 'text', text: 'Rules.' }],
      messages: [
        { role: 'assistant', content: [{ type: 'text', text: 'Hello! ' }] },
        { role: 'system', content: [{ type: 'text', text: 'Be brief.' }] },
        user('One'),
        user('Two'),
        { role: 'assistant', content: [{ type: 'text', text: 'Sure  ' }] },
      ],
      extra: {},
    })
    expect(body.system).toEqual([
      { type: 'text', text: 'Rules.' },
      { type: 'text', text: 'Be brief.' },
    ])
    expect(body.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: '.' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'Hello! ' }] },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'One' },
          { type: 'text', text: 'Two' },
        ],
      },
      { role: 'assistant', content: [{ type: 'text', text: 'Sure' }] },
    ])
  })

  it('defaults max_tokens and adds the thinking budget on top', () => {
    expect(encode({ messages: [user('hi')], extra: {} }).body.max_tokens).toBe(4096)
    const { body } = encode({ messages: [user('hi')], reasoning: { effort: 'high' }, extra: {} })
    expect(body.thinking).toEqual({ type: 'enabled', budget_tokens: 16384 })
    expect(body.max_tokens).toBe(4096 + 16384)
  })

  it('caps the budget below the client limit, and drops thinking when too little is left', () => {
    expect(
      encode({ messages: [user('hi')], reasoning: { effort: 'high' }, maxOutputTokens: 5000, extra: {} }).body
        .thinking,
    ).toEqual({
      type: 'enabled',
      budget_tokens: 4999,
    })
    const small = encode({
      messages: [user('hi')],
      reasoning: { effort: 'low' },
      maxOutputTokens: 800,
      extra: {},
    })
    expect(small.body.thinking).toBeUndefined()
    expect(small.dropped).toEqual(['reasoning'])
  })

  it('drops thinking with a forced tool choice and for models without extended thinking', () => {
    const tools = [{ name: 'f', parameters: { type: 'object' } }]
    const forced = encode({
      messages: [user('hi')],
      tools,
      toolChoice: 'required',
      reasoning: { effort: 'low' },
      extra: {},
    })
    expect(forced.body.thinking).toBeUndefined()
    expect(forced.dropped).toEqual(['reasoning'])
    const old = encode(
      { messages: [user('hi')], reasoning: { effort: 'low' }, extra: {} },
      { reasoningModel: false },
    )
    expect(old.dropped).toEqual(['reasoning'])
  })

  it('asks for JSON in the system prompt for json_object and clamps temperature to 1', () => {
    const { body } = encode({
      messages: [user('hi')],
      responseFormat: { type: 'json_object' },
      temperature: 1.7,
      extra: {},
    })
    expect(body.system).toBe(jsonObjectInstruction)
    expect(body.temperature).toBe(1)
  })

  it('makes tool ids Anthropic-safe on both the call and its result', () => {
    const { body } = encode({
      messages: [
        user('go'),
        { role: 'assistant', content: [{ type: 'tool_call', id: 'call.1:x', name: 'f', argumentsJson: '' }] },
        {
          role: 'user',
          content: [{ type: 'tool_result', toolCallId: 'call.1:x', content: [], isError: true }],
        },
      ],
      extra: {},
    })
    expect(body.messages[1]?.content).toEqual([{ type: 'tool_use', id: 'call_1_x', name: 'f', input: {} }])
    expect(body.messages[2]?.content).toEqual([
      { type: 'tool_result', tool_use_id: 'call_1_x', is_error: true },
    ])
  })

  it('never sends a Gemini thought signature to Claude, so a fallback from Gemini keeps working', () => {
    const { body, dropped } = encode({
      messages: [
        user('weather?'),
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: '', signature: 'gemini:c2lnbmF0dXJl' },
            { type: 'tool_call', id: 'call_1', name: 'weather', argumentsJson: '{}' },
          ],
        },
        { role: 'user', content: [{ type: 'tool_result', toolCallId: 'call_1', content: [] }] },
      ],
      reasoning: { budgetTokens: 2048 },
      extra: {},
    })
    expect(body.messages[1]?.content).toEqual([
      { type: 'tool_use', id: 'call_1', name: 'weather', input: {} },
    ])
    // An unsigned tool loop cannot take thinking: it is reported dropped instead of refused by Claude.
    expect(body.thinking).toBeUndefined()
    expect(dropped).toContain('reasoning')
  })
})
