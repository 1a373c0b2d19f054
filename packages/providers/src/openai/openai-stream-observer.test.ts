import { describe, expect, it } from 'vitest'
import { createOpenAIStreamObserver } from './openai-stream-observer.js'
import { mapOpenAIUsage } from './openai-usage.js'

describe('OpenAI usage', () => {
  it('maps chat and Responses usage with disjoint cached input', () => {
    expect(
      mapOpenAIUsage({
        input_tokens: 100,
        output_tokens: 20,
        input_tokens_details: { cached_tokens: 60 },
        output_tokens_details: { reasoning_tokens: 12 },
      }),
    ).toEqual({
      inputTokens: 40,
      outputTokens: 20,
      cacheReadInputTokens: 60,
      cacheCreationInputTokens: 0,
      reasoningTokens: 12,
    })
    expect(mapOpenAIUsage({ prompt_tokens: 8, total_tokens: 8 })).toMatchObject({
      inputTokens: 8,
      outputTokens: 0,
    })
  })

  it('flags only the usage-only chat chunk as droppable', () => {
    const observer = createOpenAIStreamObserver('openai-chat')
    expect(
      observer.observe(undefined, '{"choices":[{"delta":{"content":"\\"usage\\": {"}}],"usage":null}'),
    ).toBe(false)
    expect(observer.usage).toBeUndefined()
    expect(
      observer.observe(undefined, '{"choices":[],"usage": {"prompt_tokens":3,"completion_tokens":4}}'),
    ).toBe(true)
    expect(observer.usage).toMatchObject({ inputTokens: 3, outputTokens: 4 })
    expect(observer.observe(undefined, '[DONE]')).toBe(false)
  })

  it('records in-stream errors of chat and Responses streams', () => {
    const chat = createOpenAIStreamObserver('openai-chat')
    chat.observe(undefined, '{"error":{"message":"overloaded","type":"server_error"}}')
    expect(chat.error).toBe('overloaded')
    const responses = createOpenAIStreamObserver('openai-responses')
    responses.observe(
      'response.completed',
      '{"type":"response.completed","response":{"usage":{"input_tokens":5,"output_tokens":6}}}',
    )
    expect(responses.usage).toMatchObject({ inputTokens: 5, outputTokens: 6 })
    responses.observe('error', '{"type":"error","code":"server_error","message":"boom"}')
    expect(responses.error).toBe('boom')
  })
})
