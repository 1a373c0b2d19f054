import { describe, expect, it } from 'vitest'
import { chatBody } from '../../../test-utils/requests.js'
import type { CanonicalParam } from '../context.js'
import { decodeChatRequest } from './decode-request.js'
import { encodeChatRequest } from './encode-request.js'

const decode = (body: Record<string, unknown>) => decodeChatRequest(body, { drop: () => undefined })

function roundTrip(body: Record<string, unknown>, reasoningModel: boolean) {
  const dropped: CanonicalParam[] = []
  const encoded = encodeChatRequest(decode(body), {
    model: String(body.model),
    defaultMaxTokens: 4096,
    reasoningModel,
    drop: (param) => dropped.push(param),
  })
  return { encoded, dropped }
}

describe('OpenAI Chat request round trip', () => {
  it('decodes and re-encodes a full body (for a reasoning model, sampling settings go)', () => {
    const { encoded, dropped } = roundTrip(chatBody, true)
    const { temperature: _t, top_p: _p, ...expected } = chatBody
    expect(encoded).toEqual(expected)
    expect(dropped).toEqual(['temperature', 'top_p'])
  })

  it('keeps sampling and leaves reasoning out for a non-reasoning model', () => {
    const { encoded, dropped } = roundTrip(chatBody, false)
    const { reasoning_effort: _r, ...expected } = chatBody
    expect(encoded).toEqual(expected)
    expect(dropped).toEqual(['reasoning'])
  })

  it('keeps later system and developer messages in place and leading ones as system', () => {
    const request = decode({
      messages: [
        { role: 'developer', content: 'A' },
        { role: 'system', content: [{ type: 'text', text: 'B' }] },
        { role: 'user', content: 'hi' },
        { role: 'system', content: 'C' },
      ],
    })
    expect(request.system).toEqual([
      { type: 'text', text: 'A' },
      { type: 'text', text: 'B' },
    ])
    expect(request.messages.map((message) => message.role)).toEqual(['user', 'system'])
  })

  it('reads max_tokens, a string stop, shared fields and reasoning_content', () => {
    const request = decode({
      messages: [{ role: 'assistant', content: null, reasoning_content: 'hmm', tool_calls: [] }],
      max_tokens: 50,
      stop: 'END',
      service_tier: 'flex',
      prompt_cache_key: 'k',
    })
    expect(request.maxOutputTokens).toBe(50)
    expect(request.stop).toEqual(['END'])
    expect(request.extra).toEqual({ service_tier: 'flex', prompt_cache_key: 'k' })
    expect(request.messages[0]?.content).toEqual([{ type: 'reasoning', text: 'hmm' }])
  })

  it('refuses custom tools and legacy function calls', () => {
    expect(() => decode({ messages: [], tools: [{ type: 'custom', custom: { name: 'x' } }] })).toThrow(
      'tools[0].type',
    )
    expect(() => decode({ messages: [{ role: 'function', name: 'f', content: '' }] })).toThrow(
      'messages[0].role',
    )
  })

  it('sends images found in tool results in a user message after the tool messages', () => {
    const encoded = encodeChatRequest(
      {
        messages: [
          {
            role: 'user',
            content: [
              {
                type: 'tool_result',
                toolCallId: 'c1',
                content: [
                  { type: 'text', text: 'screenshot' },
                  { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'AA' } },
                ],
              },
            ],
          },
        ],
        extra: {},
      },
      { model: 'gpt-4o', defaultMaxTokens: 1, reasoningModel: false, drop: () => undefined },
    )
    expect(encoded.messages).toEqual([
      { role: 'tool', tool_call_id: 'c1', content: 'screenshot' },
      { role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:image/png;base64,AA' } }] },
    ])
  })
})
