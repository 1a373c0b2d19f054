import { describe, expect, it } from 'vitest'
import { validateClientRequest } from './validate-request.js'

function errorOf(run: () => void): { code: string; status: number; message: string; meta: unknown } {
  try {
    run()
  } catch (error) {
    return error as { code: string; status: number; message: string; meta: unknown }
  }
  throw new Error('expected a validation error')
}

const messages = [{ role: 'user', content: 'Hi' }]

describe('validateClientRequest', () => {
  it('refuses a Messages body without max_tokens in Anthropic words', () => {
    const error = errorOf(() => validateClientRequest('anthropic-messages', { model: 'claude', messages }))
    expect(error).toMatchObject({
      code: 'missing_required_parameter',
      status: 400,
      message: 'max_tokens: Field required',
      meta: { param: 'max_tokens' },
    })
  })

  it('refuses a wrong type in a required Messages field', () => {
    const error = errorOf(() =>
      validateClientRequest('anthropic-messages', { model: 'claude', max_tokens: '100', messages }),
    )
    expect(error).toMatchObject({
      code: 'invalid_type',
      message: 'max_tokens: Input should be a valid integer',
    })
    const list = errorOf(() =>
      validateClientRequest('anthropic-messages', { model: 'claude', max_tokens: 5, messages: 'Hi' }),
    )
    expect(list.message).toBe('messages: Input should be a valid list')
  })

  it('lets count_tokens omit max_tokens', () => {
    expect(() => validateClientRequest('anthropic-count-tokens', { model: 'claude', messages })).not.toThrow()
  })

  it('refuses a Chat body without messages in OpenAI words', () => {
    const error = errorOf(() => validateClientRequest('openai-chat', { model: 'gpt-4o' }))
    expect(error).toMatchObject({
      code: 'missing_required_parameter',
      message: "Missing required parameter: 'messages'.",
      meta: { param: 'messages' },
    })
  })

  it('refuses wrong types on OpenAI wires, naming the field and both types', () => {
    const chat = errorOf(() => validateClientRequest('openai-chat', { model: 'gpt-4o', messages: 'Hi' }))
    expect(chat.message).toBe("Invalid type for 'messages': expected an array, but got a string instead.")
    const responses = errorOf(() =>
      validateClientRequest('openai-responses', { model: 'gpt-4o', max_output_tokens: 1.5 }),
    )
    expect(responses).toMatchObject({ code: 'invalid_type', meta: { param: 'max_output_tokens' } })
    const embeddings = errorOf(() =>
      validateClientRequest('openai-embeddings', { model: 'text-embedding-3-small' }),
    )
    expect(embeddings.meta).toEqual({ param: 'input' })
  })

  it('checks each message has a role and string-or-list content', () => {
    const role = errorOf(() =>
      validateClientRequest('openai-chat', { model: 'm', messages: [{ content: 'x' }] }),
    )
    expect(role.meta).toEqual({ param: 'messages.0.role' })
    const content = errorOf(() =>
      validateClientRequest('anthropic-messages', {
        model: 'm',
        max_tokens: 5,
        messages: [{ role: 'user', content: 5 }],
      }),
    )
    expect(content.message).toBe('messages.0.content: Input should be a valid string or list')
  })

  it('accepts complete bodies, null optional fields and assistant tool calls without content', () => {
    expect(() =>
      validateClientRequest('openai-chat', {
        model: 'gpt-4o',
        temperature: null,
        messages: [...messages, { role: 'assistant', content: null, tool_calls: [] }],
      }),
    ).not.toThrow()
    expect(() =>
      validateClientRequest('anthropic-messages', {
        model: 'claude',
        max_tokens: 5,
        messages,
        system: 'Be brief',
      }),
    ).not.toThrow()
    expect(() => validateClientRequest('openai-models', {})).not.toThrow()
  })
})
