import { describe, expect, it } from 'vitest'
import { createAnthropicStreamObserver } from './anthropic-stream-observer.js'

describe('Anthropic stream observer', () => {
  it('takes input and cache counts from message_start and cumulative output from message_delta', () => {
    const observer = createAnthropicStreamObserver()
    observer.observe(
      'message_start',
      '{"type":"message_start","message":{"usage":{"input_tokens":10,"cache_creation_input_tokens":5,"cache_read_input_tokens":200,"output_tokens":1}}}',
    )
    observer.observe('content_block_delta', '{"type":"content_block_delta","delta":{"text":"not parsed"}}')
    observer.observe('message_delta', '{"type":"message_delta","usage":{"output_tokens":7}}')
    observer.observe(
      'message_delta',
      '{"type":"message_delta","usage":{"output_tokens":42,"input_tokens":11}}',
    )
    expect(observer.usage).toEqual({
      inputTokens: 11,
      outputTokens: 42,
      cacheReadInputTokens: 200,
      cacheCreationInputTokens: 5,
      reasoningTokens: 0,
    })
  })

  it('records the message of an error event', () => {
    const observer = createAnthropicStreamObserver()
    observer.observe('error', '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}')
    expect(observer.error).toBe('Overloaded')
  })
})
