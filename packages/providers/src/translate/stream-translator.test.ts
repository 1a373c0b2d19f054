import { describe, expect, it } from 'vitest'
import { loadFixture, payloadsOf, type WireJson } from '../../test-utils/sse.js'
import { createStreamTranslator, type StreamTranslatorOptions } from './stream-translator.js'
import type { ClientWire } from './wire.js'

const now = () => 1_730_000_000_000

function translate(
  fixture: string,
  from: ClientWire,
  to: ClientWire,
  extra: Partial<StreamTranslatorOptions> = {},
) {
  const translator = createStreamTranslator({
    from,
    to,
    includeUsage: true,
    requestModel: 'client-model',
    now,
    ...extra,
  })
  const outputs = loadFixture(fixture).map((event) => translator.push(event))
  const text = outputs.join('') + translator.end()
  return { outputs, text, payloads: payloadsOf(text) }
}

function toolArguments(payloads: Array<{ data: WireJson }>): Record<number, string> {
  const byIndex: Record<number, string> = {}
  for (const { data } of payloads) {
    for (const call of data?.choices?.[0]?.delta?.tool_calls ?? []) {
      byIndex[call.index] = (byIndex[call.index] ?? '') + (call.function?.arguments ?? '')
    }
  }
  return byIndex
}

describe('stream translation anthropic-messages → openai-chat', () => {
  it('answers the first upstream event at once with the role chunk', () => {
    const { outputs } = translate('anthropic-tool-use.chunks.txt', 'anthropic-messages', 'openai-chat')
    expect(payloadsOf(outputs[0] ?? '')).toEqual([
      {
        data: {
          id: 'msg_01AbC',
          object: 'chat.completion.chunk',
          created: 1_730_000_000,
          model: 'claude-sonnet-4-5-20250929',
          choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }],
        },
      },
    ])
  })

  it('keeps text, both tool calls with arguments in order, then finish, usage and [DONE]', () => {
    const { text, payloads } = translate('anthropic-tool-use.chunks.txt', 'anthropic-messages', 'openai-chat')
    expect(text).toContain(': ping\n\n')
    const content = payloads.map(({ data }) => data?.choices?.[0]?.delta?.content ?? '').join('')
    expect(content).toBe('Checking both cities.')
    expect(toolArguments(payloads)).toEqual({ 0: '{"city": "Paris"}', 1: '{"city": "Rome"}' })
    const starts = payloads
      .flatMap(({ data }) => data?.choices?.[0]?.delta?.tool_calls ?? [])
      .filter((call) => call.id)
    expect(starts.map((call) => [call.index, call.id, call.function.name])).toEqual([
      [0, 'toolu_01Paris', 'get_weather'],
      [1, 'toolu_02Rome', 'get_weather'],
    ])
    const tail = payloads.slice(-3)
    expect(tail[0]?.data.choices[0]).toEqual({ index: 0, delta: {}, finish_reason: 'tool_calls' })
    expect(tail[1]?.data).toMatchObject({
      choices: [],
      usage: {
        prompt_tokens: 2560,
        completion_tokens: 87,
        total_tokens: 2647,
        prompt_tokens_details: { cached_tokens: 2048 },
      },
    })
    expect(tail[2]?.data).toBe('[DONE]')
  })

  it('leaves the usage chunk out when the client did not ask for it', () => {
    const { payloads } = translate('anthropic-tool-use.chunks.txt', 'anthropic-messages', 'openai-chat', {
      includeUsage: false,
    })
    expect(payloads.some(({ data }) => data?.usage !== undefined)).toBe(false)
    expect(payloads.at(-1)?.data).toBe('[DONE]')
  })

  it('turns an upstream error event into an OpenAI error chunk and stops', () => {
    const { payloads } = translate('anthropic-overloaded.chunks.txt', 'anthropic-messages', 'openai-chat')
    expect(payloads.at(-1)?.data).toEqual({
      error: { type: 'api_error', code: 'overloaded_error', message: 'Overloaded', param: null },
    })
    expect(payloads.some(({ data }) => data === '[DONE]')).toBe(false)
  })

  it('sends reasoning as reasoning_content deltas', () => {
    const { payloads } = translate('anthropic-thinking.chunks.txt', 'anthropic-messages', 'openai-chat')
    const reasoning = payloads.map(({ data }) => data?.choices?.[0]?.delta?.reasoning_content ?? '').join('')
    expect(reasoning).toBe('The user wants a haiku.')
  })
})

describe('stream translation openai-chat → anthropic-messages', () => {
  it('emits message_start first, one content block per tool call, and usage in message_delta', () => {
    const { outputs, payloads } = translate(
      'openai-chat-tool-calls.chunks.txt',
      'openai-chat',
      'anthropic-messages',
    )
    expect(payloadsOf(outputs[0] ?? '')[0]?.event).toBe('message_start')
    expect(payloads.map((payload) => payload.event)).toEqual([
      'message_start',
      'content_block_start',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'content_block_start',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ])
    const starts = payloads
      .filter((payload) => payload.event === 'content_block_start')
      .map(({ data }) => [data.index, data.content_block])
    expect(starts).toEqual([
      [0, { type: 'tool_use', id: 'call_Paris1', name: 'get_weather', input: {} }],
      [1, { type: 'tool_use', id: 'call_Rome2', name: 'get_weather', input: {} }],
    ])
    const deltas = payloads
      .filter((payload) => payload.event === 'content_block_delta')
      .map(({ data }) => [data.index, data.delta.partial_json])
    expect(deltas).toEqual([
      [0, '{"city":'],
      [0, ' "Paris"}'],
      [1, '{"city": "Rome"}'],
    ])
    expect(payloads.at(-2)?.data).toEqual({
      type: 'message_delta',
      delta: { stop_reason: 'tool_use', stop_sequence: null },
      usage: {
        input_tokens: 512,
        output_tokens: 48,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 2048,
      },
    })
  })
})

describe('stream translation openai-responses → anthropic-messages', () => {
  it('maps reasoning summaries to a thinking block, text, and function-call arguments', () => {
    const { payloads } = translate(
      'openai-responses-tool-call.chunks.txt',
      'openai-responses',
      'anthropic-messages',
    )
    const starts = payloads
      .filter((payload) => payload.event === 'content_block_start')
      .map(({ data }) => data.content_block.type)
    expect(starts).toEqual(['thinking', 'text', 'tool_use'])
    const json = payloads
      .filter(({ data }) => data.delta?.type === 'input_json_delta')
      .map(({ data }) => data.delta.partial_json)
    expect(json).toEqual(['{"city":', '"Paris"}'])
    expect(payloads.at(-2)?.data.usage).toEqual({
      input_tokens: 176,
      output_tokens: 140,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 1024,
    })
    expect(payloads.at(-2)?.data.delta.stop_reason).toBe('tool_use')
  })
})

describe('stream translation anthropic-messages → openai-responses', () => {
  it('writes the Responses event sequence with sequence numbers and a complete final response', () => {
    const { outputs, payloads } = translate(
      'anthropic-tool-use.chunks.txt',
      'anthropic-messages',
      'openai-responses',
    )
    expect(payloadsOf(outputs[0] ?? '').map((payload) => payload.event)).toEqual([
      'response.created',
      'response.in_progress',
    ])
    expect(payloads.map(({ data }) => data.sequence_number)).toEqual(payloads.map((_, index) => index))
    for (const { event, data } of payloads) expect(data.type).toBe(event)
    const done = payloads
      .filter((payload) => payload.event === 'response.function_call_arguments.done')
      .map(({ data }) => data.arguments)
    expect(done).toEqual(['{"city": "Paris"}', '{"city": "Rome"}'])
    const completed = payloads.at(-1)?.data.response
    expect(payloads.at(-1)?.event).toBe('response.completed')
    expect(completed.output.map((item: { type: string }) => item.type)).toEqual([
      'message',
      'function_call',
      'function_call',
    ])
    expect(completed.output[0].content[0].text).toBe('Checking both cities.')
    expect(completed.usage).toEqual({
      input_tokens: 2560,
      input_tokens_details: { cached_tokens: 2048 },
      output_tokens: 87,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: 2647,
    })
  })

  it('returns the thinking signature as the reasoning item encrypted_content', () => {
    const { payloads } = translate('anthropic-thinking.chunks.txt', 'anthropic-messages', 'openai-responses')
    const reasoning = payloads.at(-1)?.data.response.output[0]
    expect(reasoning).toMatchObject({
      type: 'reasoning',
      summary: [{ type: 'summary_text', text: 'The user wants a haiku.' }],
      encrypted_content: 'EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxsig==',
    })
  })

  it('ends with error and response.failed on an upstream error', () => {
    const { payloads } = translate(
      'anthropic-overloaded.chunks.txt',
      'anthropic-messages',
      'openai-responses',
    )
    expect(payloads.slice(-2).map((payload) => payload.event)).toEqual(['error', 'response.failed'])
    expect(payloads.at(-1)?.data.response.error).toEqual({ code: 'overloaded_error', message: 'Overloaded' })
  })
})

describe('stream translation openai-chat → openai-responses', () => {
  it('streams text deltas into one message item and reports usage at the end', () => {
    const { payloads } = translate('openai-chat-text.chunks.txt', 'openai-chat', 'openai-responses')
    const deltas = payloads
      .filter((payload) => payload.event === 'response.output_text.delta')
      .map(({ data }) => data.delta)
    expect(deltas).toEqual(['Hello', ' there!'])
    expect(payloads.at(-1)?.data.response).toMatchObject({
      id: 'chatcmpl-Txt1',
      status: 'completed',
      usage: { input_tokens: 20, output_tokens: 3, total_tokens: 23 },
    })
  })
})

describe('stream translation openai-responses → openai-chat', () => {
  it('keeps reasoning, text and the function call', () => {
    const { payloads } = translate('openai-responses-tool-call.chunks.txt', 'openai-responses', 'openai-chat')
    const deltas = payloads.map(({ data }) => data?.choices?.[0]?.delta ?? {})
    expect(deltas.map((delta) => delta.reasoning_content ?? '').join('')).toBe('Need the weather.')
    expect(deltas.map((delta) => delta.content ?? '').join('')).toBe('Let me check.')
    expect(toolArguments(payloads)).toEqual({ 0: '{"city":"Paris"}' })
    expect(payloads.slice(-3)[0]?.data.choices[0].finish_reason).toBe('tool_calls')
  })
})
