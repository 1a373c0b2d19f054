import { describe, expect, it } from 'vitest'
import type { WireJson } from '../../../test-utils/sse.js'
import { createCanonicalUsage } from '../../canonical/usage.js'
import { wireCodecs } from '../codecs.js'
import { decodeConverseResponse } from './decode-response.js'
import { bedrockErrorType, decodeBedrockError } from './errors.js'
import { decodeConverseStopReason } from './stop-reason.js'

const converseAnswer = {
  output: {
    message: {
      role: 'assistant',
      content: [
        { reasoningContent: { reasoningText: { text: 'Two cities.', signature: 'sig-9' } } },
        { reasoningContent: { redactedContent: 'opaque==' } },
        { text: 'Checking both.' },
        { toolUse: { toolUseId: 'tooluse_1', name: 'get_weather', input: { city: 'Paris' } } },
      ],
    },
  },
  stopReason: 'tool_use',
  usage: {
    inputTokens: 30,
    outputTokens: 12,
    totalTokens: 242,
    cacheReadInputTokens: 150,
    cacheWriteInputTokens: 50,
  },
  metrics: { latencyMs: 420 },
}

describe('Bedrock Converse response decoder', () => {
  it('reads signed and redacted reasoning, text, tool use, stop reason and usage', () => {
    const response = decodeConverseResponse(converseAnswer)
    expect(response.id).toMatch(/^msg_bdrk_[0-9a-f]{32}$/)
    expect(response).toMatchObject({
      model: '',
      finishReason: 'tool_calls',
      usage: createCanonicalUsage({
        inputTokens: 30,
        outputTokens: 12,
        cacheReadInputTokens: 150,
        cacheCreationInputTokens: 50,
      }),
    })
    expect(response.content).toEqual([
      { type: 'reasoning', text: 'Two cities.', signature: 'sig-9' },
      { type: 'reasoning', text: '', signature: 'opaque==', redacted: true },
      { type: 'text', text: 'Checking both.' },
      { type: 'tool_call', id: 'tooluse_1', name: 'get_weather', argumentsJson: '{"city":"Paris"}' },
    ])
  })

  it('keeps the stop sequence Claude names and translates to an Anthropic message', () => {
    const response = decodeConverseResponse({
      output: { message: { role: 'assistant', content: [{ text: 'Done' }] } },
      stopReason: 'stop_sequence',
      additionalModelResponseFields: { stop_sequence: 'END' },
      usage: { inputTokens: 1, outputTokens: 1 },
    })
    response.model = 'claude-sonnet-4-5'
    const message: WireJson = wireCodecs['anthropic-messages'].encodeResponse(response)
    expect(message).toMatchObject({
      stop_reason: 'stop_sequence',
      stop_sequence: 'END',
      content: [{ type: 'text', text: 'Done' }],
    })
  })

  it('maps stop reasons', () => {
    expect(
      [
        'end_turn',
        'stop_sequence',
        'tool_use',
        'max_tokens',
        'model_context_window_exceeded',
        'guardrail_intervened',
        'content_filtered',
        'malformed_tool_use',
      ].map(decodeConverseStopReason),
    ).toEqual(['stop', 'stop', 'tool_calls', 'length', 'length', 'content_filter', 'content_filter', 'error'])
  })
})

describe('Bedrock error decoder', () => {
  const header = (name: string) => `${name}:http://internal.amazon.com/coral/com.amazon.bedrock/`

  it('maps exception names from x-amzn-errortype to our statuses', () => {
    const cases: Array<[string, number, number, string]> = [
      ['ThrottlingException', 429, 429, 'rate_limit_error'],
      ['ValidationException', 400, 400, 'invalid_request_error'],
      ['AccessDeniedException', 403, 403, 'permission_error'],
      ['ResourceNotFoundException', 404, 404, 'not_found_error'],
      ['ServiceUnavailableException', 503, 503, 'api_error'],
      ['ModelTimeoutException', 408, 504, 'api_error'],
      ['ModelErrorException', 424, 502, 'api_error'],
      ['UnrecognizedClientException', 403, 401, 'authentication_error'],
    ]
    for (const [name, upstream, status, errorType] of cases) {
      expect(decodeBedrockError({ message: 'm' }, upstream, bedrockErrorType(header(name)))).toEqual({
        status,
        errorType,
        code: name,
        message: 'm',
      })
    }
  })

  it('reads the JSON-protocol __type and falls back to the HTTP status', () => {
    expect(
      decodeBedrockError({ __type: 'com.amazon.coral#ThrottlingException', message: 'slow' }, 400),
    ).toMatchObject({
      status: 429,
      code: 'ThrottlingException',
    })
    expect(decodeBedrockError({ Message: 'odd' }, 500)).toEqual({
      status: 500,
      errorType: 'api_error',
      message: 'odd',
    })
    expect(bedrockErrorType(undefined)).toBeUndefined()
  })
})
