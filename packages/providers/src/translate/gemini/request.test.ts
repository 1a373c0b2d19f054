import { describe, expect, it } from 'vitest'
import { chatBody, png, weatherSchema } from '../../../test-utils/requests.js'
import type { CanonicalRequest } from '../../canonical/types.js'
import { wireCodecs } from '../codecs.js'
import type { CanonicalParam, EncodeContext } from '../context.js'
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

const fromChat = (body: Record<string, unknown>) =>
  wireCodecs['openai-chat'].decodeRequest(body, { drop: () => undefined })
const user = (text: string) => ({ role: 'user' as const, content: [{ type: 'text' as const, text }] })
const base = (extra: Partial<CanonicalRequest> = {}): CanonicalRequest => ({
  messages: [user('Hi')],
  extra: {},
  ...extra,
})
const weatherTool = { name: 'get_weather', description: 'Weather for a city', parameters: weatherSchema }

describe('Gemini request encoder', () => {
  it('encodes a full chat conversation: system, images, parallel calls, results, tools, JSON mode, thinking', () => {
    const { body, dropped } = encode(fromChat(chatBody))
    expect(body).toEqual({
      contents: [
        {
          role: 'user',
          parts: [
            { text: 'Weather in Paris and Rome? Here is a map.' },
            { inlineData: { mimeType: 'image/png', data: png } },
            { fileData: { mimeType: 'image/png', fileUri: 'https://example.com/map.png' } },
          ],
        },
        {
          role: 'model',
          parts: [
            { text: 'Checking both.' },
            { functionCall: { name: 'get_weather', args: { city: 'Paris' } } },
            { functionCall: { name: 'get_weather', args: { city: 'Rome' } } },
          ],
        },
        {
          role: 'user',
          parts: [
            { functionResponse: { name: 'get_weather', response: { output: 'Sunny, 24C' } } },
            { functionResponse: { name: 'get_weather', response: { output: 'Rain, 18C' } } },
            { text: 'Summarise.' },
          ],
        },
      ],
      systemInstruction: { parts: [{ text: 'You are a weather bot.' }] },
      tools: [{ functionDeclarations: [{ ...weatherTool }] }],
      toolConfig: { functionCallingConfig: { mode: 'AUTO' } },
      generationConfig: {
        temperature: 0.5,
        topP: 0.9,
        maxOutputTokens: 20000,
        stopSequences: ['END'],
        responseMimeType: 'application/json',
        responseSchema: {
          type: 'object',
          properties: { summary: { type: 'string' } },
          required: ['summary'],
        },
        thinkingConfig: { thinkingBudget: 4096, includeThoughts: true },
      },
    })
    expect(dropped).toEqual([])
  })

  it('maps every tool choice to functionCallingConfig', () => {
    const config = (toolChoice: CanonicalRequest['toolChoice']) =>
      encode(base({ tools: [weatherTool], toolChoice })).body.toolConfig
    expect(config(undefined)).toBeUndefined()
    expect(config('auto')).toEqual({ functionCallingConfig: { mode: 'AUTO' } })
    expect(config('none')).toEqual({ functionCallingConfig: { mode: 'NONE' } })
    expect(config('required')).toEqual({ functionCallingConfig: { mode: 'ANY' } })
    expect(config({ name: 'get_weather' })).toEqual({
      functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['get_weather'] },
    })
  })

  it('reports what Gemini cannot carry and omits parameters of argument-less tools', () => {
    const { body, dropped } = encode(
      base({
        tools: [{ name: 'now', parameters: { type: 'object', properties: {} } }],
        parallelToolCalls: false,
        metadata: { team: 'a' },
        user: 'u-1',
      }),
    )
    expect(body.tools).toEqual([{ functionDeclarations: [{ name: 'now' }] }])
    expect(dropped).toEqual(['parallel_tool_calls', 'metadata'])
  })

  it('hoists later system messages, merges same-role turns and starts with a user turn', () => {
    const { body } = encode(
      base({
        system: [{ type: 'text', text: 'Be brief.' }],
        messages: [
          { role: 'assistant', content: [{ type: 'text', text: 'Hello!' }] },
          { role: 'system', content: [{ type: 'text', text: 'Answer in French.' }] },
          user('One'),
          user('Two'),
        ],
      }),
    )
    expect(body.systemInstruction).toEqual({ parts: [{ text: 'Be brief.' }, { text: 'Answer in French.' }] })
    expect(body.contents).toEqual([
      { role: 'user', parts: [{ text: '.' }] },
      { role: 'model', parts: [{ text: 'Hello!' }] },
      { role: 'user', parts: [{ text: 'One' }, { text: 'Two' }] },
    ])
  })

  it('sends tool errors under "error", JSON results as objects and result images after the responses', () => {
    const { body } = encode(
      base({
        messages: [
          user('Go'),
          {
            role: 'assistant',
            content: [
              { type: 'tool_call', id: 'a', name: 'lookup', argumentsJson: '{}' },
              { type: 'tool_call', id: 'b', name: 'shot', argumentsJson: 'not json' },
            ],
          },
          {
            role: 'user',
            content: [
              { type: 'tool_result', toolCallId: 'a', content: [{ type: 'text', text: '{"n":1}' }] },
              {
                type: 'tool_result',
                toolCallId: 'b',
                isError: true,
                content: [
                  { type: 'text', text: 'blurry' },
                  { type: 'image', source: { kind: 'url', url: 'https://x.test/s.webp?v=2' } },
                ],
              },
            ],
          },
        ],
      }),
    )
    expect(body.contents[1]?.parts).toEqual([
      { functionCall: { name: 'lookup', args: {} } },
      { functionCall: { name: 'shot', args: {} } },
    ])
    expect(body.contents[2]?.parts).toEqual([
      { functionResponse: { name: 'lookup', response: { output: { n: 1 } } } },
      { functionResponse: { name: 'shot', response: { error: 'blurry' } } },
      { fileData: { mimeType: 'image/webp', fileUri: 'https://x.test/s.webp?v=2' } },
    ])
  })

  it('refuses a tool result that answers no call (Gemini pairs them by name)', () => {
    const orphan = base({
      messages: [{ role: 'user', content: [{ type: 'tool_result', toolCallId: 'x', content: [] }] }],
    })
    expect(() => encode(orphan)).toThrow('answers no tool call')
  })

  it('json_object asks for JSON without a schema', () => {
    const { body } = encode(base({ responseFormat: { type: 'json_object' } }))
    expect(body.generationConfig).toEqual({ responseMimeType: 'application/json' })
  })
})
