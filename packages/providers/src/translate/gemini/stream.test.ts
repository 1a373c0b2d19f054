import { describe, expect, it } from 'vitest'
import { payloadsOf } from '../../../test-utils/sse.js'
import type { CanonicalStreamPart } from '../../canonical/types.js'
import { createCanonicalUsage } from '../../canonical/usage.js'
import { wireCodecs } from '../codecs.js'
import { createGeminiStreamDecoder } from './decode-stream.js'

const usage = (candidates: number) => ({
  promptTokenCount: 50,
  candidatesTokenCount: candidates,
  thoughtsTokenCount: 8,
  cachedContentTokenCount: 10,
})
const chunk = (parts: unknown[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    candidates: [{ content: { role: 'model', parts }, index: 0, ...extra }],
    usageMetadata: usage(extra.finishReason === undefined ? 2 : 9),
    modelVersion: 'gemini-2.5-flash',
    responseId: 'resp-7',
  })

const textStream = [
  chunk([{ text: 'Let me think.', thought: true }]),
  chunk([{ text: 'Hel' }]),
  chunk([{ text: 'lo', thoughtSignature: 'SIG' }]),
  chunk([{ text: '!' }], { finishReason: 'STOP' }),
]
const toolStream = [
  chunk([
    { functionCall: { name: 'get_weather', args: { city: 'Paris' } }, thoughtSignature: 'SIG' },
    { functionCall: { name: 'get_weather', args: { city: 'Rome' } } },
  ]),
  chunk([], { finishReason: 'STOP' }),
]

function decodeAll(events: string[]): CanonicalStreamPart[] {
  const decoder = createGeminiStreamDecoder()
  return [...events.flatMap((data) => decoder.push({ data })), ...decoder.end()]
}

describe('Gemini stream decoder', () => {
  it('decodes thoughts, text, a signature and the final usage chunk by chunk', () => {
    const finalUsage = createCanonicalUsage({
      inputTokens: 40,
      cacheReadInputTokens: 10,
      outputTokens: 17,
      reasoningTokens: 8,
    })
    expect(decodeAll(textStream)).toEqual([
      { type: 'start', id: 'resp-7', model: 'gemini-2.5-flash' },
      { type: 'reasoning-delta', text: 'Let me think.' },
      { type: 'text-delta', text: 'Hel' },
      { type: 'reasoning-signature', signature: 'gemini:SIG' },
      { type: 'text-delta', text: 'lo' },
      { type: 'text-delta', text: '!' },
      { type: 'finish', finishReason: 'stop', usage: finalUsage },
    ])
  })

  it('emits whole function calls with generated ids and ends with tool_calls', () => {
    const parts = decodeAll(toolStream)
    const [, signature, start] = parts
    expect(signature).toEqual({ type: 'reasoning-signature', signature: 'gemini:SIG' })
    expect(start).toMatchObject({ type: 'tool-call-start', index: 0, name: 'get_weather' })
    expect(parts.slice(3)).toEqual([
      { type: 'tool-call-delta', index: 0, argumentsDelta: '{"city":"Paris"}' },
      { type: 'tool-call-end', index: 0 },
      { type: 'tool-call-start', index: 1, id: expect.stringMatching(/^call_/), name: 'get_weather' },
      { type: 'tool-call-delta', index: 1, argumentsDelta: '{"city":"Rome"}' },
      { type: 'tool-call-end', index: 1 },
      expect.objectContaining({ type: 'finish', finishReason: 'tool_calls' }),
    ])
  })

  it('turns an in-stream error event into an error part with its status', () => {
    const error = JSON.stringify({
      error: { code: 503, message: 'The model is overloaded.', status: 'UNAVAILABLE' },
    })
    expect(decodeAll([textStream[1]!, error]).at(-1)).toEqual({
      type: 'error',
      status: 503,
      errorType: 'api_error',
      code: 'UNAVAILABLE',
      message: 'The model is overloaded.',
    })
  })

  it('reports a stream cut before its finish reason, and ignores what follows the end', () => {
    expect(decodeAll(textStream.slice(0, 2)).at(-1)).toMatchObject({ type: 'error', code: 'provider_error' })
    const decoder = createGeminiStreamDecoder()
    for (const data of textStream) decoder.push({ data })
    expect(decoder.push({ data: textStream[1]! })).toEqual([])
    expect(decoder.end()).toEqual([])
  })

  it('translates into an Anthropic Messages stream through the canonical parts', () => {
    const decoder = createGeminiStreamDecoder()
    const encoder = wireCodecs['anthropic-messages'].createStreamEncoder({ requestModel: 'claude' })
    const text = toolStream
      .flatMap((data) => decoder.push({ data }))
      .map((part) => encoder.encode(part))
      .join('')
    const blocks = payloadsOf(text)
      .filter((event) => event.event === 'content_block_start')
      .map((event) => event.data.content_block.type)
    expect(blocks).toEqual(['thinking', 'tool_use', 'tool_use'])
    expect(payloadsOf(text).at(-1)?.event).toBe('message_stop')
    expect(encoder.done).toBe(true)
  })
})
