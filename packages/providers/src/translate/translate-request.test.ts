import { describe, expect, it } from 'vitest'
import {
  answerSchema,
  anthropicBody,
  chatBody,
  png,
  responsesBody,
  weatherSchema,
} from '../../test-utils/requests.js'
import { translateRequest } from './translate-request.js'

const dataUrl = `data:image/png;base64,${png}`
const weatherTool = { name: 'get_weather', description: 'Weather for a city' }

describe('translateRequest: openai-chat →', () => {
  it('anthropic-messages keeps system, images, parallel tool calls, tool results and structured output', () => {
    const { body, droppedParams } = translateRequest({
      from: 'openai-chat',
      to: 'anthropic-messages',
      body: chatBody,
      model: 'claude-sonnet-4-5',
    })
    expect(body).toEqual({
      model: 'claude-sonnet-4-5',
      max_tokens: 20000,
      system: 'You are a weather bot.',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Weather in Paris and Rome? Here is a map.' },
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: png } },
            { type: 'image', source: { type: 'url', url: 'https://example.com/map.png' } },
          ],
        },
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'Checking both.' },
            { type: 'tool_use', id: 'call_1', name: 'get_weather', input: { city: 'Paris' } },
            { type: 'tool_use', id: 'call_2', name: 'get_weather', input: { city: 'Rome' } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'call_1', content: 'Sunny, 24C' },
            { type: 'tool_result', tool_use_id: 'call_2', content: 'Rain, 18C' },
            { type: 'text', text: 'Summarise.' },
          ],
        },
      ],
      tools: [{ ...weatherTool, input_schema: weatherSchema }],
      tool_choice: { type: 'auto' },
      stop_sequences: ['END'],
      temperature: 0.5,
      metadata: { user_id: 'user-42' },
      output_config: { format: { type: 'json_schema', schema: answerSchema } },
    })
    // top_p: Claude refuses it beside temperature; thinking: the tool loop has no signed thinking to send back.
    expect(droppedParams).toEqual(['top_p', 'reasoning_effort'])
  })

  it('openai-responses turns tool messages into function_call_output items and drops stop and sampling for reasoning models', () => {
    const { body, droppedParams } = translateRequest({
      from: 'openai-chat',
      to: 'openai-responses',
      body: chatBody,
      model: 'gpt-5',
    })
    expect(body).toEqual({
      model: 'gpt-5',
      instructions: 'You are a weather bot.',
      input: [
        {
          type: 'message',
          role: 'user',
          content: [
            { type: 'input_text', text: 'Weather in Paris and Rome? Here is a map.' },
            { type: 'input_image', image_url: dataUrl, detail: 'auto' },
            { type: 'input_image', image_url: 'https://example.com/map.png', detail: 'high' },
          ],
        },
        { type: 'message', role: 'assistant', content: 'Checking both.' },
        { type: 'function_call', call_id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
        { type: 'function_call', call_id: 'call_2', name: 'get_weather', arguments: '{"city":"Rome"}' },
        { type: 'function_call_output', call_id: 'call_1', output: 'Sunny, 24C' },
        { type: 'function_call_output', call_id: 'call_2', output: 'Rain, 18C' },
        { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Summarise.' }] },
      ],
      tools: [{ type: 'function', ...weatherTool, parameters: weatherSchema, strict: false }],
      tool_choice: 'auto',
      parallel_tool_calls: true,
      text: { format: { type: 'json_schema', name: 'answer', schema: answerSchema, strict: true } },
      max_output_tokens: 20000,
      reasoning: { effort: 'medium' },
      store: false,
      user: 'user-42',
    })
    expect(droppedParams).toEqual(['stop', 'temperature', 'top_p'])
  })
})

describe('translateRequest: anthropic-messages →', () => {
  it('openai-chat splits tool results into tool messages and leaves reasoning out for a non-reasoning model', () => {
    const { body, droppedParams } = translateRequest({
      from: 'anthropic-messages',
      to: 'openai-chat',
      body: anthropicBody,
      model: 'gpt-4o',
    })
    expect(body).toEqual({
      model: 'gpt-4o',
      messages: [
        { role: 'system', content: 'You are a weather bot.' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Weather in Paris and Rome? Here is a map.' },
            { type: 'image_url', image_url: { url: dataUrl } },
            { type: 'image_url', image_url: { url: 'https://example.com/map.png' } },
          ],
        },
        {
          role: 'assistant',
          content: 'Checking both.',
          tool_calls: [
            {
              id: 'toolu_1',
              type: 'function',
              function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
            },
            {
              id: 'toolu_2',
              type: 'function',
              function: { name: 'get_weather', arguments: '{"city":"Rome"}' },
            },
          ],
        },
        { role: 'tool', tool_call_id: 'toolu_1', content: 'Sunny, 24C' },
        { role: 'tool', tool_call_id: 'toolu_2', content: 'Rain, 18C' },
        { role: 'user', content: 'Summarise.' },
      ],
      tools: [{ type: 'function', function: { ...weatherTool, parameters: weatherSchema } }],
      tool_choice: 'auto',
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'response', schema: answerSchema, strict: true },
      },
      stop: ['END'],
      temperature: 0.5,
      max_completion_tokens: 20000,
      user: 'user-42',
    })
    expect(droppedParams).toEqual(['thinking'])
  })

  it('openai-responses maps the thinking budget to an effort and asks for reasoning summaries', () => {
    const { body, droppedParams } = translateRequest({
      from: 'anthropic-messages',
      to: 'openai-responses',
      body: anthropicBody,
      model: 'gpt-5',
    })
    expect(body).toMatchObject({
      model: 'gpt-5',
      instructions: 'You are a weather bot.',
      reasoning: { effort: 'medium', summary: 'auto' },
      max_output_tokens: 20000,
      text: { format: { type: 'json_schema', name: 'response', schema: answerSchema, strict: true } },
      store: false,
      user: 'user-42',
    })
    const input = (body as { input: Array<{ type: string }> }).input
    expect(input.map((item) => item.type)).toEqual([
      'message',
      'message',
      'function_call',
      'function_call',
      'function_call_output',
      'function_call_output',
      'message',
    ])
    expect(droppedParams).toEqual(['stop_sequences', 'temperature'])
  })
})

describe('translateRequest: openai-responses →', () => {
  it('anthropic-messages sends the signed reasoning back as a thinking block and enables thinking', () => {
    const { body, droppedParams } = translateRequest({
      from: 'openai-responses',
      to: 'anthropic-messages',
      body: responsesBody,
      model: 'claude-sonnet-4-5',
    })
    expect(body).toMatchObject({
      model: 'claude-sonnet-4-5',
      system: 'You are a weather bot.',
      max_tokens: 20000,
      thinking: { type: 'enabled', budget_tokens: 4096 },
      stream: true,
      output_config: { format: { type: 'json_schema', schema: answerSchema } },
    })
    const messages = (body as { messages: Array<{ role: string; content: Array<{ type: string }> }> })
      .messages
    expect(messages.map((message) => message.role)).toEqual(['user', 'assistant', 'user'])
    expect(messages[1]?.content).toEqual([
      { type: 'thinking', thinking: 'Two cities.', signature: 'sig-1' },
      { type: 'text', text: 'Checking both.' },
      { type: 'tool_use', id: 'call_1', name: 'get_weather', input: { city: 'Paris' } },
      { type: 'tool_use', id: 'call_2', name: 'get_weather', input: { city: 'Rome' } },
    ])
    expect(messages[2]?.content.map((block) => block.type)).toEqual(['tool_result', 'tool_result', 'text'])
    // Thinking needs the default temperature and top_p ≥ 0.95.
    expect(droppedParams).toEqual(['top_p', 'temperature'])
  })

  it('openai-chat rebuilds the assistant turn and always asks for stream usage', () => {
    const { body, droppedParams } = translateRequest({
      from: 'openai-responses',
      to: 'openai-chat',
      body: responsesBody,
      model: 'gpt-4o',
    })
    expect(body).toMatchObject({
      model: 'gpt-4o',
      temperature: 0.5,
      top_p: 0.9,
      max_completion_tokens: 20000,
      store: false,
      stream: true,
      stream_options: { include_usage: true },
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'answer', schema: answerSchema, strict: true },
      },
    })
    const messages = (body as { messages: Array<{ role: string }> }).messages
    expect(messages.map((message) => message.role)).toEqual([
      'system',
      'user',
      'assistant',
      'tool',
      'tool',
      'user',
    ])
    expect(messages[2]).toEqual({
      role: 'assistant',
      content: 'Checking both.',
      tool_calls: [
        { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
        { id: 'call_2', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Rome"}' } },
      ],
    })
    expect(droppedParams).toEqual(['include', 'reasoning'])
  })
})

describe('translateRequest: same wire', () => {
  it('returns the body untouched apart from the model', () => {
    const body = { model: 'alias', messages: [], some_new_field: 1 }
    expect(translateRequest({ from: 'openai-chat', to: 'openai-chat', body, model: 'gpt-4o' })).toEqual({
      body: { model: 'gpt-4o', messages: [], some_new_field: 1 },
      droppedParams: [],
    })
  })
})

describe('translateRequest: README example', () => {
  it('sends Claude Code style bodies to Chat with max_completion_tokens and lists top_k', () => {
    const { body, droppedParams } = translateRequest({
      from: 'anthropic-messages',
      to: 'openai-chat',
      body: {
        model: 'claude-sonnet-4-5',
        max_tokens: 1024,
        top_k: 5,
        messages: [{ role: 'user', content: 'Hi' }],
      },
      model: 'gpt-4o',
    })
    expect(body).toEqual({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'Hi' }],
      max_completion_tokens: 1024,
    })
    expect(droppedParams).toEqual(['top_k'])
  })
})

describe('translateRequest: output limit', () => {
  it('clamps the client limit to the target model limit when one is given', () => {
    const body = { model: 'claude', max_tokens: 32000, messages: [{ role: 'user', content: 'Hi' }] }
    const { body: translated } = translateRequest({
      from: 'anthropic-messages',
      to: 'openai-chat',
      body,
      model: 'gpt-4o',
      maxOutputTokensLimit: 16384,
    })
    expect(translated).toMatchObject({ max_completion_tokens: 16384 })
  })
})
