import { describe, expect, it } from 'vitest'
import type { WireJson } from '../../../test-utils/sse.js'
import { createCanonicalUsage } from '../../canonical/usage.js'
import { wireCodecs } from '../codecs.js'
import { decodeGeminiResponse } from './decode-response.js'
import { decodeGeminiError } from './errors.js'
import { decodeGeminiFinishReason } from './finish-reason.js'
import { decodeGeminiUsage } from './usage.js'

const toolAnswer = {
  candidates: [
    {
      content: {
        role: 'model',
        parts: [
          { text: 'The user wants weather.', thought: true },
          { text: 'Checking.' },
          { functionCall: { name: 'get_weather', args: { city: 'Paris' } }, thoughtSignature: 'S1' },
          { functionCall: { name: 'get_weather', args: { city: 'Rome' }, id: 'fc-2' } },
          { executableCode: { language: 'PYTHON', code: 'print(1)' } },
        ],
      },
      finishReason: 'STOP',
      index: 0,
    },
  ],
  usageMetadata: {
    promptTokenCount: 120,
    candidatesTokenCount: 30,
    cachedContentTokenCount: 100,
    thoughtsTokenCount: 12,
    totalTokenCount: 162,
  },
  modelVersion: 'gemini-2.5-flash',
  responseId: 'resp-1',
  createTime: '2025-06-01T10:00:00.500Z',
}

describe('Gemini response decoder', () => {
  it('reads thoughts, text, function calls with generated ids, signatures and usage', () => {
    const response = decodeGeminiResponse(toolAnswer)
    expect(response).toMatchObject({
      id: 'resp-1',
      model: 'gemini-2.5-flash',
      created: 1748772000,
      finishReason: 'tool_calls',
      usage: createCanonicalUsage({
        inputTokens: 20,
        cacheReadInputTokens: 100,
        outputTokens: 42,
        reasoningTokens: 12,
      }),
    })
    expect(response.content).toEqual([
      { type: 'reasoning', text: 'The user wants weather.' },
      { type: 'text', text: 'Checking.' },
      { type: 'reasoning', text: '', signature: 'gemini:S1' },
      {
        type: 'tool_call',
        id: expect.stringMatching(/^call_[0-9a-f]{24}$/),
        name: 'get_weather',
        argumentsJson: '{"city":"Paris"}',
      },
      { type: 'tool_call', id: 'fc-2', name: 'get_weather', argumentsJson: '{"city":"Rome"}' },
    ])
  })

  it('translates into an OpenAI chat completion with tool calls and reasoning', () => {
    const chat: WireJson = wireCodecs['openai-chat'].encodeResponse(decodeGeminiResponse(toolAnswer))
    expect(chat.choices[0].finish_reason).toBe('tool_calls')
    expect(chat.choices[0].message.content).toBe('Checking.')
    expect(chat.choices[0].message.reasoning_content).toBe('The user wants weather.')
    expect(chat.choices[0].message.tool_calls.map((call: WireJson) => call.function.arguments)).toEqual([
      '{"city":"Paris"}',
      '{"city":"Rome"}',
    ])
    expect(chat.usage).toMatchObject({ prompt_tokens: 120, completion_tokens: 42 })
  })

  it('ends a blocked prompt with content_filter and generates an id when Gemini gives none', () => {
    const response = decodeGeminiResponse({ promptFeedback: { blockReason: 'SAFETY' } })
    expect(response.finishReason).toBe('content_filter')
    expect(response.content).toEqual([])
    expect(response.id).toMatch(/^gemini-[0-9a-f]{32}$/)
  })

  it('maps finish reasons', () => {
    const cases: Array<[unknown, boolean, string]> = [
      ['STOP', false, 'stop'],
      ['STOP', true, 'tool_calls'],
      [undefined, false, 'stop'],
      ['MAX_TOKENS', false, 'length'],
      ['SAFETY', false, 'content_filter'],
      ['RECITATION', false, 'content_filter'],
      ['PROHIBITED_CONTENT', false, 'content_filter'],
      ['MALFORMED_FUNCTION_CALL', true, 'error'],
      ['OTHER', false, 'error'],
    ]
    for (const [reason, tools, expected] of cases)
      expect(decodeGeminiFinishReason(reason, tools)).toBe(expected)
  })

  it('counts tool-use prompt tokens as input and never goes negative', () => {
    expect(
      decodeGeminiUsage({ promptTokenCount: 10, toolUsePromptTokenCount: 5, candidatesTokenCount: 3 }),
    ).toEqual(createCanonicalUsage({ inputTokens: 15, outputTokens: 3 }))
    expect(decodeGeminiUsage({ promptTokenCount: 1, cachedContentTokenCount: 4 }).inputTokens).toBe(0)
    expect(decodeGeminiUsage(undefined)).toEqual(createCanonicalUsage())
  })
})

describe('Gemini error decoder', () => {
  it('maps Google errors, including a wrong API key and the array form of streams', () => {
    expect(
      decodeGeminiError(
        { error: { code: 429, message: 'Quota exceeded', status: 'RESOURCE_EXHAUSTED' } },
        429,
      ),
    ).toEqual({
      status: 429,
      errorType: 'rate_limit_error',
      code: 'RESOURCE_EXHAUSTED',
      message: 'Quota exceeded',
    })
    const badKey = {
      error: {
        code: 400,
        message: 'API key not valid. Please pass a valid API key.',
        status: 'INVALID_ARGUMENT',
        details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID' }],
      },
    }
    expect(decodeGeminiError(badKey, 400)).toMatchObject({
      status: 401,
      errorType: 'authentication_error',
      code: 'API_KEY_INVALID',
    })
    expect(
      decodeGeminiError([{ error: { code: 503, message: 'overloaded', status: 'UNAVAILABLE' } }]),
    ).toMatchObject({
      status: 503,
      errorType: 'api_error',
      code: 'UNAVAILABLE',
    })
    expect(decodeGeminiError({ error: { message: 'late', status: 'DEADLINE_EXCEEDED' } })).toMatchObject({
      status: 504,
    })
    expect(decodeGeminiError('<html>', 502)).toEqual({
      status: 502,
      errorType: 'api_error',
      message: 'Upstream error',
    })
  })
})
