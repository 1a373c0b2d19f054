import { describe, expect, it } from 'vitest'
import type { CanonicalRequest } from '../../canonical/types.js'
import type { CanonicalParam, EncodeContext } from '../context.js'
import { decodeGeminiResponse } from './decode-response.js'
import { skipThoughtSignature } from './encode-contents.js'
import { encodeGeminiRequest } from './encode-request.js'

function encode(request: CanonicalRequest, overrides: Partial<EncodeContext> = {}) {
  const dropped: CanonicalParam[] = []
  const body = encodeGeminiRequest(request, {
    model: 'gemini-2.5-flash',
    defaultMaxTokens: 4096,
    reasoningModel: true,
    drop: (param) => dropped.push(param),
    ...overrides,
  })
  return { body, dropped }
}

const user = (text: string) => ({ role: 'user' as const, content: [{ type: 'text' as const, text }] })
const base = (extra: Partial<CanonicalRequest> = {}): CanonicalRequest => ({
  messages: [user('Hi')],
  extra: {},
  ...extra,
})

describe('Gemini thinking settings', () => {
  const thinking = (
    reasoning: CanonicalRequest['reasoning'],
    model = 'gemini-2.5-flash',
    reasoningModel = true,
  ) => encode(base({ reasoning }), { model, reasoningModel })

  it('sends a budget on 2.5 models, capped per family, and 0 for effort none on Flash', () => {
    expect(thinking({ effort: 'high' }).body.generationConfig?.thinkingConfig).toEqual({
      thinkingBudget: 16384,
      includeThoughts: true,
    })
    expect(thinking({ budgetTokens: 40000 }).body.generationConfig?.thinkingConfig?.thinkingBudget).toBe(
      24576,
    )
    expect(
      thinking({ budgetTokens: 40000 }, 'gemini-2.5-pro').body.generationConfig?.thinkingConfig
        ?.thinkingBudget,
    ).toBe(32768)
    expect(thinking({ effort: 'none' }).body.generationConfig).toEqual({
      thinkingConfig: { thinkingBudget: 0 },
    })
  })

  it('sends a level on Gemini 3 and drops what a model cannot do', () => {
    expect(thinking({ effort: 'low' }, 'gemini-3-pro-preview').body.generationConfig?.thinkingConfig).toEqual(
      {
        thinkingLevel: 'low',
        includeThoughts: true,
      },
    )
    expect(
      thinking({ budgetTokens: 10000 }, 'gemini-3-pro-preview').body.generationConfig?.thinkingConfig,
    ).toEqual({
      thinkingLevel: 'high',
      includeThoughts: true,
    })
    const pro = thinking({ effort: 'none' }, 'gemini-2.5-pro')
    expect([pro.body.generationConfig, pro.dropped]).toEqual([undefined, ['reasoning']])
    const plain = thinking({ effort: 'high' }, 'gemini-2.0-flash', false)
    expect([plain.body.generationConfig, plain.dropped]).toEqual([undefined, ['reasoning']])
  })
})

describe('Gemini thought signatures', () => {
  const answer = {
    responseId: 'r1',
    candidates: [
      {
        content: {
          role: 'model',
          parts: [
            { text: 'Plan: call both.', thought: true },
            { functionCall: { name: 'get_weather', args: { city: 'Paris' } }, thoughtSignature: 'SIG_A' },
            { functionCall: { name: 'get_weather', args: { city: 'Rome' } } },
          ],
        },
        finishReason: 'STOP',
      },
    ],
  }

  it('returns a signature to the part that carried it, without the thought text', () => {
    const assistant = decodeGeminiResponse(answer).content
    const [first, second] = assistant.filter((part) => part.type === 'tool_call')
    const { body } = encode(
      base({
        messages: [
          user('Weather?'),
          { role: 'assistant', content: assistant },
          {
            role: 'user',
            content: [
              { type: 'tool_result', toolCallId: first!.id, content: [{ type: 'text', text: 'Sunny' }] },
              { type: 'tool_result', toolCallId: second!.id, content: [{ type: 'text', text: 'Rain' }] },
            ],
          },
        ],
      }),
      { model: 'gemini-3-pro-preview' },
    )
    expect(body.contents[1]).toEqual({
      role: 'model',
      parts: [
        { functionCall: { name: 'get_weather', args: { city: 'Paris' } }, thoughtSignature: 'SIG_A' },
        { functionCall: { name: 'get_weather', args: { city: 'Rome' } } },
      ],
    })
  })

  it('never forwards another provider signature, and fills the Gemini 3 placeholder instead', () => {
    const messages: CanonicalRequest['messages'] = [
      user('Weather?'),
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'Claude thinking', signature: 'anthropic-sig' },
          { type: 'tool_call', id: 't1', name: 'get_weather', argumentsJson: '{"city":"Paris"}' },
        ],
      },
      { role: 'user', content: [{ type: 'tool_result', toolCallId: 't1', content: [] }] },
    ]
    const call = { functionCall: { name: 'get_weather', args: { city: 'Paris' } } }
    expect(encode(base({ messages })).body.contents[1]?.parts).toEqual([call])
    expect(encode(base({ messages }), { model: 'gemini-3-flash' }).body.contents[1]?.parts).toEqual([
      { ...call, thoughtSignature: skipThoughtSignature },
    ])
  })
})
