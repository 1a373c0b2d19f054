import { describe, expect, it } from 'vitest'
import { decodeResponsesResponse } from './decode-response.js'
import { encodeResponsesResponse } from './encode-response.js'
import { decodeResponsesStatus } from './status.js'

describe('OpenAI Responses response round trip', () => {
  it('keeps reasoning, text, function calls and usage through decode and encode', () => {
    const response = {
      id: 'resp_9',
      status: 'completed',
      created_at: 1,
      model: 'gpt-5',
      output: [
        {
          type: 'reasoning',
          id: 'rs_0',
          summary: [{ type: 'summary_text', text: 'why' }],
          encrypted_content: 'enc',
        },
        {
          type: 'message',
          id: 'msg_1',
          role: 'assistant',
          status: 'completed',
          content: [{ type: 'output_text', text: 'hi', annotations: [] }],
        },
        {
          type: 'function_call',
          id: 'fc_2',
          call_id: 'call_1',
          name: 'f',
          arguments: '{}',
          status: 'completed',
        },
      ],
      usage: {
        input_tokens: 10,
        input_tokens_details: { cached_tokens: 4 },
        output_tokens: 3,
        output_tokens_details: { reasoning_tokens: 1 },
        total_tokens: 13,
      },
    }
    const encoded = encodeResponsesResponse(decodeResponsesResponse(response))
    expect(encoded).toMatchObject({
      id: 'resp_9',
      object: 'response',
      status: 'completed',
      created_at: 1,
      usage: response.usage,
      output: [
        {
          type: 'reasoning',
          id: 'rs_9_0',
          summary: [{ type: 'summary_text', text: 'why' }],
          encrypted_content: 'enc',
          status: 'completed',
        },
        {
          type: 'message',
          id: 'msg_9_1',
          role: 'assistant',
          status: 'completed',
          content: [{ type: 'output_text', text: 'hi', annotations: [] }],
        },
        {
          type: 'function_call',
          id: 'fc_9_2',
          call_id: 'call_1',
          name: 'f',
          arguments: '{}',
          status: 'completed',
        },
      ],
    })
  })

  it.each([
    ['completed', null, false, 'stop'],
    ['completed', null, true, 'tool_calls'],
    ['incomplete', { reason: 'max_output_tokens' }, false, 'length'],
    ['incomplete', { reason: 'content_filter' }, false, 'content_filter'],
    ['failed', null, false, 'error'],
  ] as const)('reads status %s (%j, tools %s) as %s', (status, details, calledTools, expected) => {
    expect(decodeResponsesStatus(status, details, calledTools)).toBe(expected)
  })

  it('writes length as incomplete with max_output_tokens', () => {
    const encoded = encodeResponsesResponse(
      { id: 'r', model: 'm', content: [], finishReason: 'length', usage: decodeResponsesResponse({}).usage },
      () => 0,
    )
    expect(encoded).toMatchObject({
      status: 'incomplete',
      incomplete_details: { reason: 'max_output_tokens' },
    })
  })
})
