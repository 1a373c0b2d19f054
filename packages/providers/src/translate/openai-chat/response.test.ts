import { describe, expect, it } from 'vitest'
import { decodeChatResponse } from './decode-response.js'
import { encodeChatResponse } from './encode-response.js'
import { decodeChatUsage, encodeChatUsage } from './usage.js'

const completion = {
  id: 'chatcmpl-1',
  object: 'chat.completion',
  created: 1_730_000_000,
  model: 'gpt-4o',
  choices: [
    {
      index: 0,
      message: {
        role: 'assistant',
        content: null,
        refusal: null,
        tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'f', arguments: '{"a":1}' } }],
      },
      finish_reason: 'tool_calls',
      logprobs: null,
    },
  ],
  usage: {
    prompt_tokens: 100,
    completion_tokens: 20,
    total_tokens: 120,
    prompt_tokens_details: { cached_tokens: 60 },
    completion_tokens_details: { reasoning_tokens: 5 },
  },
}

describe('OpenAI Chat response round trip', () => {
  it('decodes and re-encodes a tool-call completion unchanged', () => {
    expect(encodeChatResponse(decodeChatResponse(completion))).toEqual(completion)
  })

  it('takes cached tokens out of the input count and puts them back', () => {
    const usage = decodeChatUsage(completion.usage)
    expect(usage).toEqual({
      inputTokens: 40,
      outputTokens: 20,
      cacheReadInputTokens: 60,
      cacheCreationInputTokens: 0,
      reasoningTokens: 5,
    })
    expect(encodeChatUsage({ ...usage, cacheCreationInputTokens: 10 }).prompt_tokens).toBe(110)
  })

  it('reads a refusal as text and a legacy function_call finish as tool calls', () => {
    const refused = {
      ...completion,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: null, refusal: 'No.' },
          finish_reason: 'function_call',
        },
      ],
    }
    const decoded = decodeChatResponse(refused)
    expect(decoded.content).toEqual([{ type: 'text', text: 'No.' }])
    expect(decoded.finishReason).toBe('tool_calls')
  })

  it('stamps created from the injected clock when the source has none', () => {
    const encoded = encodeChatResponse(
      { id: 'x', model: 'm', content: [], finishReason: 'stop', usage: decodeChatUsage(undefined) },
      () => 5_000,
    )
    expect(encoded.created).toBe(5)
    expect(encoded.choices[0]?.message.content).toBe('')
  })
})
