import { describe, expect, it } from 'vitest'
import { responsesBody } from '../../../test-utils/requests.js'
import type { CanonicalParam } from '../context.js'
import { decodeResponsesRequest } from './decode-request.js'
import { encodeResponsesRequest } from './encode-request.js'

const decode = (body: Record<string, unknown>) => decodeResponsesRequest(body, { drop: () => undefined })

describe('OpenAI Responses request decoding', () => {
  it('groups assistant-side items into one assistant turn and each output into a user turn', () => {
    const request = decode(responsesBody)
    expect(request.system).toEqual([{ type: 'text', text: 'You are a weather bot.' }])
    expect(
      request.messages.map((message) => [message.role, message.content.map((part) => part.type)]),
    ).toEqual([
      ['user', ['text', 'image', 'image']],
      ['assistant', ['reasoning', 'text', 'tool_call', 'tool_call']],
      ['user', ['tool_result']],
      ['user', ['tool_result']],
      ['user', ['text']],
    ])
    expect(request.messages[1]?.content[0]).toEqual({
      type: 'reasoning',
      text: 'Two cities.',
      signature: 'sig-1',
    })
    expect(request.reasoning).toEqual({ effort: 'medium', summary: 'auto' })
    expect(request.extra).toEqual({ store: false })
  })

  it('reads a string input and developer items after the first turn in place', () => {
    expect(decode({ input: 'hi' }).messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'hi' }] },
    ])
    const request = decode({
      input: [
        { role: 'user', content: 'a' },
        { role: 'developer', content: 'b' },
      ],
    })
    expect(request.messages[1]).toEqual({ role: 'system', content: [{ type: 'text', text: 'b' }] })
  })

  it('refuses item references and custom tools, and drops hosted tool items', () => {
    expect(() => decode({ input: [{ type: 'item_reference', id: 'x' }] })).toThrow('input[0].type')
    expect(() => decode({ input: 'x', tools: [{ type: 'custom', name: 'apply_patch' }] })).toThrow(
      'tools[0].type',
    )
    const dropped: string[] = []
    decodeResponsesRequest(
      { input: [{ type: 'web_search_call', id: 'ws' }] },
      { drop: (param) => dropped.push(param) },
    )
    expect(dropped).toEqual(['input[web_search_call]'])
  })

  it('reads a redacted reasoning payload back from encrypted_content', () => {
    const request = decode({
      input: [{ type: 'reasoning', id: 'rs', summary: [], encrypted_content: 'gw-redacted:abc' }],
    })
    expect(request.messages[0]?.content).toEqual([
      { type: 'reasoning', text: '', signature: 'abc', redacted: true },
    ])
  })
})

describe('OpenAI Responses request encoding', () => {
  it('re-encodes a decoded body with the same items (reasoning left out, strict kept)', () => {
    const dropped: CanonicalParam[] = []
    const encoded = encodeResponsesRequest(decode(responsesBody), {
      model: 'gpt-5',
      defaultMaxTokens: 1,
      reasoningModel: true,
      drop: (param) => dropped.push(param),
    })
    expect(encoded.input).toEqual([
      responsesBody.input[0],
      { type: 'message', role: 'assistant', content: 'Checking both.' },
      ...responsesBody.input.slice(3, 7),
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Summarise.' }] },
    ])
    expect(encoded).toMatchObject({
      tools: responsesBody.tools,
      text: responsesBody.text,
      reasoning: responsesBody.reasoning,
      store: false,
    })
    expect(dropped).toEqual(['temperature', 'top_p'])
  })

  it('writes tool results with images as content lists', () => {
    const encoded = encodeResponsesRequest(
      {
        messages: [
          {
            role: 'user',
            content: [
              {
                type: 'tool_result',
                toolCallId: 'c',
                content: [{ type: 'image', source: { kind: 'url', url: 'https://x/y.png' } }],
              },
            ],
          },
        ],
        extra: { store: true, service_tier: 'flex', verbosity: 'low' },
      },
      { model: 'gpt-4.1', defaultMaxTokens: 1, reasoningModel: false, drop: () => undefined },
    )
    expect(encoded).toEqual({
      model: 'gpt-4.1',
      input: [
        {
          type: 'function_call_output',
          call_id: 'c',
          output: [{ type: 'input_image', image_url: 'https://x/y.png', detail: 'auto' }],
        },
      ],
      text: { verbosity: 'low' },
      store: true,
      service_tier: 'flex',
    })
  })
})
