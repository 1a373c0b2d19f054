import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { applyParameters } from './apply-parameters.js'
import { renderParameterTable } from './render-parameter-table.js'
import { translateRequest } from './translate-request.js'

const chat = { model: 'm', messages: [{ role: 'user', content: 'hi' }] }
const responses = { model: 'm', input: 'hi' }
const anthropic = { model: 'm', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }

function rejection(run: () => unknown): unknown {
  try {
    run()
  } catch (error) {
    return error
  }
  return undefined
}

describe('parameter table', () => {
  it('drops sampling extras OpenAI Chat has and Anthropic lacks, and lists them', () => {
    const body = {
      ...chat,
      seed: 1,
      frequency_penalty: 0.2,
      presence_penalty: 0.1,
      logit_bias: { 1: 2 },
      logprobs: true,
      n: 1,
    }
    const { droppedParams } = translateRequest({
      from: 'openai-chat',
      to: 'anthropic-messages',
      body,
      model: 'claude-sonnet-4-5',
    })
    expect(droppedParams).toEqual(['seed', 'frequency_penalty', 'presence_penalty', 'logit_bias', 'logprobs'])
  })

  it('rejects n > 1 with a 400 unsupported_parameter naming the parameter', () => {
    const error = rejection(() =>
      translateRequest({
        from: 'openai-chat',
        to: 'anthropic-messages',
        body: { ...chat, n: 2 },
        model: 'claude',
      }),
    )
    expect(error).toMatchObject({ code: 'unsupported_parameter', status: 400, meta: { param: 'n' } })
  })

  it('rejects previous_response_id: the gateway keeps no Responses state', () => {
    const body = { ...responses, previous_response_id: 'resp_1' }
    expect(
      rejection(() =>
        translateRequest({ from: 'openai-responses', to: 'openai-chat', body, model: 'gpt-4o' }),
      ),
    ).toMatchObject({
      code: 'unsupported_parameter',
    })
  })

  it('drops Anthropic top_k and unknown parameters on the way to OpenAI', () => {
    const body = { ...anthropic, top_k: 5, brand_new_field: true }
    expect(applyParameters('anthropic-messages', 'openai-chat', body).dropped).toEqual([
      'top_k',
      'brand_new_field',
    ])
  })

  it('drops a nested Responses field the target cannot take and keeps its siblings', () => {
    const body = { ...responses, text: { verbosity: 'low', format: { type: 'json_object' } } }
    const applied = applyParameters('openai-responses', 'anthropic-messages', body)
    expect(applied.dropped).toEqual(['text.verbosity'])
    expect(applied.body.text).toEqual({ format: { type: 'json_object' } })
    expect(body.text.verbosity).toBe('low')
  })

  it('treats store=false as mapped and store=true as dropped for Anthropic', () => {
    expect(
      applyParameters('openai-responses', 'anthropic-messages', { ...responses, store: false }).dropped,
    ).toEqual([])
    expect(
      applyParameters('openai-responses', 'anthropic-messages', { ...responses, store: true }).dropped,
    ).toEqual(['store'])
  })

  it('drops hosted tools and lists them, keeping function tools', () => {
    const body = {
      ...responses,
      tools: [{ type: 'web_search' }, { type: 'function', name: 'f', parameters: { type: 'object' } }],
    }
    const { body: translated, droppedParams } = translateRequest({
      from: 'openai-responses',
      to: 'anthropic-messages',
      body,
      model: 'claude',
    })
    expect(droppedParams).toEqual(['tools[web_search]'])
    expect((translated as { tools: unknown[] }).tools).toHaveLength(1)
  })

  it('rejects content that cannot be translated, such as audio input', () => {
    const body = {
      ...chat,
      messages: [
        { role: 'user', content: [{ type: 'input_audio', input_audio: { data: 'x', format: 'wav' } }] },
      ],
    }
    expect(
      rejection(() =>
        translateRequest({ from: 'openai-chat', to: 'anthropic-messages', body, model: 'claude' }),
      ),
    ).toMatchObject({
      code: 'unsupported_parameter',
      meta: { param: 'messages[0].content[0].type' },
    })
  })

  it('is the table README.md shows', () => {
    const readme = readFileSync(new URL('./README.md', import.meta.url), 'utf8')
    expect(readme).toContain(renderParameterTable())
  })
})
