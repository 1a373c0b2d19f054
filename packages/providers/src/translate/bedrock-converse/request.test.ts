import { describe, expect, it } from 'vitest'
import { answerSchema, anthropicBody, png, weatherSchema } from '../../../test-utils/requests.js'
import type { CanonicalRequest } from '../../canonical/types.js'
import { jsonObjectInstruction } from '../anthropic-messages/encode-request.js'
import { wireCodecs } from '../codecs.js'
import type { CanonicalParam, EncodeContext } from '../context.js'
import { encodeConverseRequest, jsonSchemaInstruction } from './encode-request.js'

const claude = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0'

function encode(request: CanonicalRequest, overrides: Partial<EncodeContext> = {}) {
  const dropped: CanonicalParam[] = []
  const body = encodeConverseRequest(request, {
    model: claude,
    defaultMaxTokens: 4096,
    reasoningModel: true,
    drop: (param) => dropped.push(param),
    ...overrides,
  })
  return { body, dropped }
}

const fromAnthropic = (body: object) =>
  wireCodecs['anthropic-messages'].decodeRequest(body as Record<string, unknown>, { drop: () => undefined })
const user = (text: string) => ({ role: 'user' as const, content: [{ type: 'text' as const, text }] })
const base = (extra: Partial<CanonicalRequest> = {}): CanonicalRequest => ({
  messages: [user('Hi')],
  extra: {},
  ...extra,
})
const weatherTool = { name: 'get_weather', description: 'Weather for a city', parameters: weatherSchema }
const inlineOnly = structuredClone(anthropicBody)
inlineOnly.messages[0]!.content.splice(2, 1)

describe('Bedrock Converse request encoder', () => {
  it('encodes a Claude Code conversation: cache point, image, signed thinking, tools, results, thinking', () => {
    const { body, dropped } = encode(fromAnthropic(inlineOnly))
    expect(body).toEqual({
      messages: [
        {
          role: 'user',
          content: [
            { text: 'Weather in Paris and Rome? Here is a map.' },
            { image: { format: 'png', source: { bytes: png } } },
          ],
        },
        {
          role: 'assistant',
          content: [
            { reasoningContent: { reasoningText: { text: 'Two cities.', signature: 'sig-1' } } },
            { text: 'Checking both.' },
            { toolUse: { toolUseId: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } } },
            { toolUse: { toolUseId: 'toolu_2', name: 'get_weather', input: { city: 'Rome' } } },
          ],
        },
        {
          role: 'user',
          content: [
            { toolResult: { toolUseId: 'toolu_1', content: [{ text: 'Sunny, 24C' }] } },
            { toolResult: { toolUseId: 'toolu_2', content: [{ text: 'Rain, 18C' }] } },
            { text: 'Summarise.' },
          ],
        },
      ],
      system: [
        { text: 'You are a weather bot.' },
        { cachePoint: { type: 'default' } },
        { text: `${jsonSchemaInstruction} ${JSON.stringify(answerSchema)}` },
      ],
      toolConfig: {
        tools: [
          {
            toolSpec: {
              name: 'get_weather',
              description: 'Weather for a city',
              inputSchema: { json: weatherSchema },
            },
          },
        ],
        toolChoice: { auto: {} },
      },
      additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 4096 } },
      inferenceConfig: { maxTokens: 20000, stopSequences: ['END'] },
    })
    expect(dropped).toEqual(['temperature'])
  })

  it('refuses image URLs and formats Converse cannot read', () => {
    expect(() => encode(fromAnthropic(anthropicBody))).toThrow('inline (base64) images only')
    const tiff = base({
      messages: [
        {
          role: 'user',
          content: [{ type: 'image', source: { kind: 'base64', mediaType: 'image/tiff', data: 'AA' } }],
        },
      ],
    })
    expect(() => encode(tiff)).toThrow('image/tiff')
  })

  it('maps tool choices; none omits the tools unless the conversation already uses them', () => {
    const choice = (toolChoice: CanonicalRequest['toolChoice']) =>
      encode(base({ tools: [weatherTool], toolChoice })).body.toolConfig
    expect(choice('auto')?.toolChoice).toEqual({ auto: {} })
    expect(choice('required')?.toolChoice).toEqual({ any: {} })
    expect(choice({ name: 'get_weather' })?.toolChoice).toEqual({ tool: { name: 'get_weather' } })
    expect(choice(undefined)).toEqual({ tools: [expect.objectContaining({ toolSpec: expect.any(Object) })] })
    expect(choice('none')).toBeUndefined()
    const loop = base({
      tools: [weatherTool],
      toolChoice: 'none',
      messages: [
        user('Go'),
        {
          role: 'assistant',
          content: [{ type: 'tool_call', id: 'call.1', name: 'get_weather', argumentsJson: '{}' }],
        },
        {
          role: 'user',
          content: [{ type: 'tool_result', toolCallId: 'call.1', isError: true, content: [] }],
        },
      ],
    })
    const { body } = encode(loop)
    expect(body.toolConfig?.toolChoice).toBeUndefined()
    expect(body.toolConfig?.tools).toHaveLength(1)
    expect(body.messages[2]?.content).toEqual([
      { toolResult: { toolUseId: 'call_1', content: [], status: 'error' } },
    ])
  })

  it('writes cache points after tools and blocks, clamps temperature and maps metadata', () => {
    const { body, dropped } = encode(
      base({
        messages: [
          {
            role: 'user',
            content: [{ type: 'text', text: 'Long doc', cacheControl: { type: 'ephemeral' } }],
          },
        ],
        tools: [{ ...weatherTool, cacheControl: { type: 'ephemeral' } }],
        temperature: 1.7,
        topP: 0.5,
        metadata: { team: 'search' },
        parallelToolCalls: false,
        responseFormat: { type: 'json_object' },
      }),
    )
    expect(body.messages[0]?.content).toEqual([{ text: 'Long doc' }, { cachePoint: { type: 'default' } }])
    expect(body.toolConfig?.tools[1]).toEqual({ cachePoint: { type: 'default' } })
    expect(body.inferenceConfig).toEqual({ temperature: 1, topP: 0.5 })
    expect(body.requestMetadata).toEqual({ team: 'search' })
    expect(body.system).toEqual([{ text: jsonObjectInstruction }])
    expect(dropped).toEqual(['parallel_tool_calls'])
  })

  it('alternates turns, starts with the user and trims a final prefill', () => {
    const { body } = encode(
      base({
        messages: [
          { role: 'assistant', content: [{ type: 'text', text: 'Hello' }] },
          user('A'),
          { role: 'system', content: [{ type: 'text', text: 'Be terse.' }] },
          user('B'),
          { role: 'assistant', content: [{ type: 'text', text: '{"answer": ' }] },
        ],
      }),
    )
    expect(body.messages).toEqual([
      { role: 'user', content: [{ text: '.' }] },
      { role: 'assistant', content: [{ text: 'Hello' }] },
      { role: 'user', content: [{ text: 'A' }, { text: 'B' }] },
      { role: 'assistant', content: [{ text: '{"answer":' }] },
    ])
    expect(body.system).toEqual([{ text: 'Be terse.' }])
  })

  it('sends thinking to Claude only, and drops it for a forced tool or another model', () => {
    const reasoning = { effort: 'high' as const }
    const claudeBody = encode(base({ reasoning })).body
    expect(claudeBody.additionalModelRequestFields).toEqual({
      thinking: { type: 'enabled', budget_tokens: 16384 },
    })
    expect(claudeBody.inferenceConfig).toEqual({ maxTokens: 4096 + 16384 })
    const forced = encode(base({ reasoning, tools: [weatherTool], toolChoice: 'required' }))
    expect([forced.body.additionalModelRequestFields, forced.dropped]).toEqual([undefined, ['reasoning']])
    const nova = encode(base({ reasoning }), { model: 'amazon.nova-pro-v1:0' })
    expect([nova.body.additionalModelRequestFields, nova.dropped]).toEqual([undefined, ['reasoning']])
    const tight = encode(base({ reasoning, maxOutputTokens: 800 }))
    expect(tight.dropped).toEqual(['reasoning'])
  })

  it('sends redacted reasoning back, but never unsigned or Gemini reasoning', () => {
    const { body } = encode(
      base({
        messages: [
          user('Q'),
          {
            role: 'assistant',
            content: [
              { type: 'reasoning', text: '', signature: 'b64data', redacted: true },
              { type: 'reasoning', text: 'unsigned' },
              { type: 'reasoning', text: '', signature: 'gemini:SIG' },
              { type: 'text', text: 'A' },
            ],
          },
        ],
      }),
    )
    expect(body.messages[1]?.content).toEqual([
      { reasoningContent: { redactedContent: 'b64data' } },
      { text: 'A' },
    ])
  })

  it('drops thinking in a tool loop whose last assistant turn has only a Gemini-signed thought', () => {
    const loop = (signature: string) =>
      encode(
        base({
          reasoning: { effort: 'low' },
          tools: [weatherTool],
          messages: [
            user('Weather in Paris?'),
            {
              role: 'assistant',
              content: [
                { type: 'reasoning', text: 'Look it up.', signature },
                { type: 'tool_call', id: 't1', name: 'get_weather', argumentsJson: '{"city":"Paris"}' },
              ],
            },
            {
              role: 'user',
              content: [
                { type: 'tool_result', toolCallId: 't1', content: [{ type: 'text', text: 'Sunny' }] },
              ],
            },
          ],
        }),
      )
    expect(loop('gemini:SIG').dropped).toEqual(['reasoning'])
    expect(loop('claude-signature').body.additionalModelRequestFields).toEqual({
      thinking: { type: 'enabled', budget_tokens: 1024 },
    })
  })
})
