import { describe, expect, it } from 'vitest'
import { translateError, translateResponse } from './translate-response.js'

const anthropicMessage = {
  id: 'msg_1',
  type: 'message',
  role: 'assistant',
  model: 'claude-sonnet-4-5',
  content: [
    { type: 'thinking', thinking: 'Paris first.', signature: 'sig-9' },
    { type: 'text', text: 'Checking.' },
    { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } },
  ],
  stop_reason: 'tool_use',
  stop_sequence: null,
  usage: {
    input_tokens: 100,
    output_tokens: 50,
    cache_read_input_tokens: 900,
    cache_creation_input_tokens: 10,
  },
}

const chatCompletion = {
  id: 'chatcmpl-1',
  object: 'chat.completion',
  created: 1_730_000_000,
  model: 'gpt-4o',
  choices: [
    {
      index: 0,
      message: {
        role: 'assistant',
        content: 'Checking.',
        refusal: null,
        tool_calls: [
          {
            id: 'call_1',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
          },
        ],
      },
      finish_reason: 'tool_calls',
      logprobs: null,
    },
  ],
  usage: {
    prompt_tokens: 1010,
    completion_tokens: 50,
    total_tokens: 1060,
    prompt_tokens_details: { cached_tokens: 900 },
    completion_tokens_details: { reasoning_tokens: 20 },
  },
}

const responsesObject = {
  id: 'resp_1',
  object: 'response',
  created_at: 1_730_000_000,
  status: 'incomplete',
  incomplete_details: { reason: 'max_output_tokens' },
  model: 'gpt-5',
  output: [
    { id: 'rs_1', type: 'reasoning', summary: [{ type: 'summary_text', text: 'Thinking.' }] },
    {
      id: 'msg_1',
      type: 'message',
      role: 'assistant',
      status: 'incomplete',
      content: [{ type: 'output_text', text: 'Partial', annotations: [] }],
    },
  ],
  usage: {
    input_tokens: 1010,
    input_tokens_details: { cached_tokens: 900 },
    output_tokens: 50,
    output_tokens_details: { reasoning_tokens: 20 },
    total_tokens: 1060,
  },
}

describe('translateResponse', () => {
  it('anthropic-messages → openai-chat: text, tool call, reasoning_content and cache-inclusive prompt tokens', () => {
    const body = translateResponse({
      from: 'anthropic-messages',
      to: 'openai-chat',
      body: anthropicMessage,
      requestModel: 'alias',
    })
    expect(body).toMatchObject({
      id: 'msg_1',
      object: 'chat.completion',
      model: 'claude-sonnet-4-5',
      choices: [
        {
          message: {
            role: 'assistant',
            content: 'Checking.',
            reasoning_content: 'Paris first.',
            tool_calls: [
              {
                id: 'toolu_1',
                type: 'function',
                function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
              },
            ],
          },
          finish_reason: 'tool_calls',
        },
      ],
      usage: {
        prompt_tokens: 1010,
        completion_tokens: 50,
        total_tokens: 1060,
        prompt_tokens_details: { cached_tokens: 900 },
      },
    })
  })

  it('anthropic-messages → openai-responses: reasoning item with the signature, message, function_call', () => {
    const body = translateResponse({
      from: 'anthropic-messages',
      to: 'openai-responses',
      body: anthropicMessage,
      requestModel: 'alias',
    })
    expect(body).toMatchObject({
      id: 'msg_1',
      status: 'completed',
      output: [
        {
          type: 'reasoning',
          summary: [{ type: 'summary_text', text: 'Paris first.' }],
          encrypted_content: 'sig-9',
        },
        { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Checking.' }] },
        { type: 'function_call', call_id: 'toolu_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
      ],
      usage: { input_tokens: 1010, input_tokens_details: { cached_tokens: 900 }, output_tokens: 50 },
    })
  })

  it('openai-chat → anthropic-messages: tool_use with parsed input and cache-exclusive input tokens', () => {
    const body = translateResponse({
      from: 'openai-chat',
      to: 'anthropic-messages',
      body: chatCompletion,
      requestModel: 'alias',
    })
    expect(body).toEqual({
      id: 'chatcmpl-1',
      type: 'message',
      role: 'assistant',
      model: 'gpt-4o',
      content: [
        { type: 'text', text: 'Checking.' },
        { type: 'tool_use', id: 'call_1', name: 'get_weather', input: { city: 'Paris' } },
      ],
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage: {
        input_tokens: 110,
        output_tokens: 50,
        cache_read_input_tokens: 900,
        cache_creation_input_tokens: 0,
      },
    })
  })

  it('openai-chat → openai-responses: completed with the function call and reasoning tokens', () => {
    const body = translateResponse({
      from: 'openai-chat',
      to: 'openai-responses',
      body: chatCompletion,
      requestModel: 'alias',
    })
    expect(body).toMatchObject({
      status: 'completed',
      output: [{ type: 'message' }, { type: 'function_call', call_id: 'call_1' }],
      usage: { input_tokens: 1010, output_tokens: 50, output_tokens_details: { reasoning_tokens: 20 } },
    })
  })

  it('openai-responses → anthropic-messages: an incomplete response stops for max_tokens', () => {
    const body = translateResponse({
      from: 'openai-responses',
      to: 'anthropic-messages',
      body: responsesObject,
      requestModel: 'alias',
    })
    expect(body).toMatchObject({
      stop_reason: 'max_tokens',
      content: [
        { type: 'thinking', thinking: 'Thinking.', signature: '' },
        { type: 'text', text: 'Partial' },
      ],
      usage: { input_tokens: 110, output_tokens: 50, cache_read_input_tokens: 900 },
    })
  })

  it('openai-responses → openai-chat: finish_reason length', () => {
    const body = translateResponse({
      from: 'openai-responses',
      to: 'openai-chat',
      body: responsesObject,
      requestModel: 'alias',
    })
    expect(body).toMatchObject({ choices: [{ message: { content: 'Partial' }, finish_reason: 'length' }] })
  })

  it('uses the requested model when the provider names none', () => {
    const body = translateResponse({
      from: 'openai-chat',
      to: 'anthropic-messages',
      body: { ...chatCompletion, model: undefined },
      requestModel: 'alias',
    })
    expect(body).toMatchObject({ model: 'alias' })
  })

  it('maps an Anthropic refusal to content_filter', () => {
    const refused = translateResponse({
      from: 'anthropic-messages',
      to: 'openai-chat',
      body: { ...anthropicMessage, content: [], stop_reason: 'refusal' },
      requestModel: 'alias',
    })
    expect(refused).toMatchObject({ choices: [{ finish_reason: 'content_filter' }] })
  })
})

describe('translateError', () => {
  it('turns an Anthropic error into the OpenAI envelope', () => {
    const body = { type: 'error', error: { type: 'rate_limit_error', message: 'Slow down' } }
    expect(translateError({ from: 'anthropic-messages', to: 'openai-chat', body, status: 429 })).toEqual({
      error: { type: 'rate_limit_error', code: 'rate_limit_error', message: 'Slow down', param: null },
    })
  })

  it('turns an OpenAI error into the Anthropic envelope by status', () => {
    const body = {
      error: {
        type: 'invalid_request_error',
        code: 'context_length_exceeded',
        message: 'Too long',
        param: 'messages',
      },
    }
    expect(translateError({ from: 'openai-responses', to: 'anthropic-messages', body, status: 400 })).toEqual(
      {
        type: 'error',
        error: { type: 'invalid_request_error', message: 'context_length_exceeded: Too long' },
      },
    )
  })
})
