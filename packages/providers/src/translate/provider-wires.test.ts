import { describe, expect, it } from 'vitest'
import { parameterColumn } from './apply-parameters.js'
import { createStreamTranslator } from './stream-translator.js'
import { translateRequest } from './translate-request.js'
import { translateError, translateResponse } from './translate-response.js'

const chat = { model: 'm', messages: [{ role: 'user', content: 'Hi' }] }

describe('translation to provider-only wires', () => {
  it('applies the Anthropic column to OpenAI clients and the Chat column to Anthropic clients', () => {
    expect(parameterColumn('openai-chat', 'gemini')).toBe('anthropic-messages')
    expect(parameterColumn('openai-responses', 'bedrock-converse')).toBe('anthropic-messages')
    expect(parameterColumn('anthropic-messages', 'gemini')).toBe('openai-chat')
    expect(parameterColumn('openai-chat', 'openai-responses')).toBe('openai-responses')
  })

  it('translates a Chat body to Gemini, reporting what Gemini cannot carry', () => {
    const { body, droppedParams } = translateRequest({
      from: 'openai-chat',
      to: 'gemini',
      body: { ...chat, seed: 7, stop: ['END'], temperature: 0.3 },
      model: 'gemini-2.5-flash',
    })
    expect(body).toMatchObject({
      contents: [{ role: 'user', parts: [{ text: 'Hi' }] }],
      generationConfig: { stopSequences: ['END'], temperature: 0.3 },
    })
    expect(droppedParams).toEqual(['seed'])
    expect(() =>
      translateRequest({
        from: 'openai-chat',
        to: 'gemini',
        body: { ...chat, n: 2 },
        model: 'gemini-2.5-flash',
      }),
    ).toThrow(expect.objectContaining({ code: 'unsupported_parameter' }))
  })

  it('translates an Anthropic body to Converse with thinking on Claude models only', () => {
    const anthropic = {
      model: 'm',
      max_tokens: 4000,
      top_k: 5,
      thinking: { type: 'enabled', budget_tokens: 2048 },
      messages: [{ role: 'user', content: 'Hi' }],
    }
    const claude = translateRequest({
      from: 'anthropic-messages',
      to: 'bedrock-converse',
      body: anthropic,
      model: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
    })
    expect(claude.body).toMatchObject({
      inferenceConfig: { maxTokens: 4000 },
      additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 2048 } },
    })
    expect(claude.droppedParams).toEqual(['top_k'])
    const nova = translateRequest({
      from: 'anthropic-messages',
      to: 'bedrock-converse',
      body: anthropic,
      model: 'amazon.nova-pro-v1:0',
    })
    expect(nova.droppedParams).toEqual(['top_k', 'thinking'])
  })

  it('translates provider answers and errors back to the client wire', () => {
    const completion = translateResponse({
      from: 'bedrock-converse',
      to: 'openai-chat',
      body: {
        output: { message: { role: 'assistant', content: [{ text: 'Hi!' }] } },
        stopReason: 'end_turn',
        usage: { inputTokens: 3, outputTokens: 2 },
      },
      requestModel: 'aws/nova',
    })
    expect(completion).toMatchObject({ model: 'aws/nova', choices: [{ message: { content: 'Hi!' } }] })
    expect(
      translateError({
        from: 'bedrock-converse',
        to: 'anthropic-messages',
        body: { message: 'Too many requests' },
        status: 400,
        errorType: 'ThrottlingException',
      }),
    ).toEqual({
      type: 'error',
      error: { type: 'rate_limit_error', message: 'ThrottlingException: Too many requests' },
    })
  })

  it('streams parsed Converse events and keeps the usage and the first upstream error', () => {
    const translator = createStreamTranslator({
      from: 'bedrock-converse',
      to: 'openai-chat',
      includeUsage: false,
      requestModel: 'nova',
      now: () => 0,
    })
    let text = translator.pushEvent('messageStart', { role: 'assistant' })
    text += translator.pushEvent('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'Hi' } })
    text += translator.pushEvent('messageStop', { stopReason: 'end_turn' })
    text += translator.pushEvent('metadata', { usage: { inputTokens: 4, outputTokens: 1 } })
    expect(text).toContain('"content":"Hi"')
    expect(translator.usage).toMatchObject({ inputTokens: 4, outputTokens: 1 })
    expect(translator.upstreamError).toBeUndefined()
    const failing = createStreamTranslator({
      from: 'gemini',
      to: 'anthropic-messages',
      includeUsage: false,
      requestModel: 'g',
    })
    failing.push({ data: '{"candidates":[{"content":{"parts":[{"text":"Hi"}],"role":"model"}}]}' })
    expect(failing.end()).toContain('event: error')
    expect(failing.upstreamError).toBe('The upstream stream ended before it finished')
  })
})
