import type Anthropic from '@anthropic-ai/sdk'
import { type MockProvider, startMockProvider } from '@gw/mock-provider'
import type OpenAI from 'openai'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type ProxyHarness, waitFor } from '../../test-utils/proxy-harness.js'
import { anthropicWeatherTool, chatWeatherTool, responsesWeatherTool } from '../../test-utils/sdk-fixtures.js'
import { closeSdkHarness, resetSdkHarness, startSdkHarness } from '../../test-utils/sdk-harness.js'
import { createProviderClient, type ProviderClient } from '../client/create-provider-client.js'

let mock: MockProvider
let client: ProviderClient
let harness: ProxyHarness
let openai: OpenAI
let anthropic: Anthropic

beforeAll(async () => {
  mock = await startMockProvider({ replyText: 'Cross-shape hello.' })
  client = createProviderClient({
    providers: [
      { id: 'openai-1', type: 'openai', baseUrl: `${mock.url}/v1`, credentials: { api_key: 'sk' } },
      { id: 'anthropic-1', type: 'anthropic', baseUrl: mock.url, credentials: { api_key: 'sk-ant' } },
    ],
  })
  ;({ harness, openai, anthropic } = await startSdkHarness(client))
})
afterEach(() => resetSdkHarness(mock, harness))
afterAll(() => closeSdkHarness(harness, client, mock))

describe('official SDKs across shapes, with tools', () => {
  it('gives the OpenAI SDK an Anthropic tool call, non-streaming', async () => {
    const completion = await openai.chat.completions.create({
      model: 'claude-haiku-4-5',
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
      tools: [chatWeatherTool],
    })
    expect(completion.choices[0]?.finish_reason).toBe('tool_calls')
    const call = completion.choices[0]?.message.tool_calls?.[0]
    expect(call?.type === 'function' && JSON.parse(call.function.arguments)).toEqual({ city: 'example' })
    expect(mock.requests[0]?.path).toBe('/v1/messages')
  })

  it('streams an Anthropic tool call to the OpenAI SDK', async () => {
    const stream = await openai.chat.completions.create({
      model: 'claude-haiku-4-5',
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
      tools: [chatWeatherTool],
      stream: true,
    })
    let args = ''
    let finish: string | null | undefined
    for await (const chunk of stream) {
      args += chunk.choices[0]?.delta.tool_calls?.[0]?.function?.arguments ?? ''
      finish = chunk.choices[0]?.finish_reason ?? finish
    }
    expect({ args: JSON.parse(args), finish }).toEqual({ args: { city: 'example' }, finish: 'tool_calls' })
  })

  it('gives the Anthropic SDK an OpenAI tool call, non-streaming', async () => {
    const message = await anthropic.messages.create({
      model: 'gpt-4o-mini',
      max_tokens: 256,
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
      tools: [anthropicWeatherTool],
    })
    expect(message.stop_reason).toBe('tool_use')
    const block = message.content.find((item) => item.type === 'tool_use')
    expect(block?.type === 'tool_use' && block.input).toEqual({ city: 'example' })
    expect(mock.requests[0]?.path).toBe('/v1/chat/completions')
  })

  it('streams an OpenAI tool call to the Anthropic SDK', async () => {
    const stream = anthropic.messages.stream({
      model: 'gpt-4o-mini',
      max_tokens: 256,
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
      tools: [anthropicWeatherTool],
    })
    const message = await stream.finalMessage()
    expect(message.stop_reason).toBe('tool_use')
    const block = message.content.find((item) => item.type === 'tool_use')
    expect(block?.type === 'tool_use' && block.input).toEqual({ city: 'example' })
  })

  it('serves a Responses streaming client (as Codex uses it) from Anthropic, up to response.completed with usage', async () => {
    const stream = openai.responses.stream({
      model: 'claude-haiku-4-5',
      instructions: 'You are a coding agent.',
      input: [{ role: 'user', content: 'Weather in Paris?' }],
      tools: [responsesWeatherTool],
    })
    const types: string[] = []
    for await (const event of stream) types.push(event.type)
    const response = await stream.finalResponse()
    expect(types[0]).toBe('response.created')
    expect(types.at(-1)).toBe('response.completed')
    const call = response.output.find((item) => item.type === 'function_call')
    expect(call?.type === 'function_call' && JSON.parse(call.arguments)).toEqual({ city: 'example' })
    expect(response.usage?.input_tokens).toBeGreaterThan(0)
    expect(response.usage?.output_tokens).toBeGreaterThan(0)
    expect(mock.requests[0]?.path).toBe('/v1/messages')
    await waitFor(() => harness.results.length === 1)
    expect(harness.results[0]?.usage?.outputTokens).toBe(response.usage?.output_tokens)
  })
})
