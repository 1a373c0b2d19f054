import type Anthropic from '@anthropic-ai/sdk'
import { type MockProvider, startMockProvider } from '@gw/mock-provider'
import type OpenAI from 'openai'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type ProxyHarness, sendRaw } from '../../test-utils/proxy-harness.js'
import { anthropicWeatherTool, chatWeatherTool, responsesWeatherTool } from '../../test-utils/sdk-fixtures.js'
import {
  closeSdkHarness,
  onlyResult,
  resetSdkHarness,
  startSdkHarness,
} from '../../test-utils/sdk-harness.js'
import { createProviderClient, type ProviderClient } from '../client/create-provider-client.js'

let mock: MockProvider
let client: ProviderClient
let harness: ProxyHarness
let openai: OpenAI
let anthropic: Anthropic

beforeAll(async () => {
  mock = await startMockProvider({ replyText: 'Hello from Gemini.', apiKey: 'AIza-test' })
  client = createProviderClient({
    providers: [
      { id: 'gemini-1', type: 'gemini', baseUrl: mock.url, credentials: { api_key: 'AIza-test' } },
      { id: 'gemini-bad', type: 'gemini', baseUrl: mock.url, credentials: { api_key: 'wrong' } },
      { id: 'openai-1', type: 'openai', baseUrl: `${mock.url}/v1`, credentials: { api_key: 'AIza-test' } },
    ],
  })
  ;({ harness, openai, anthropic } = await startSdkHarness(client))
})
afterEach(() => resetSdkHarness(mock, harness))
afterAll(() => closeSdkHarness(harness, client, mock))

const lastResult = () => onlyResult(harness)

describe('Gemini provider', () => {
  it('answers client.chat through generateContent with the key in x-goog-api-key, usage and cost', async () => {
    const { body, meta } = await client.chat({
      model: 'gemini-2.5-flash',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
      ],
    })
    expect((body.choices as { message: { content: string } }[])[0]?.message.content).toBe(
      'Hello from Gemini.',
    )
    expect(body.object).toBe('chat.completion')
    const sent = mock.requests[0]
    expect(sent?.path).toBe('/v1beta/models/gemini-2.5-flash:generateContent')
    expect(sent?.headers['x-goog-api-key']).toBe('AIza-test')
    expect(sent?.query).toEqual({})
    expect(JSON.parse(sent?.body.toString() ?? '{}').systemInstruction).toEqual({
      parts: [{ text: 'Be brief.' }],
    })
    expect(meta).toMatchObject({ providerId: 'gemini-1', status: 200, streamed: false })
    expect(meta.usage?.inputTokens).toBeGreaterThan(0)
    expect(meta.usage?.outputTokens).toBeGreaterThan(0)
    expect(meta.costMicroUsd).toBeGreaterThan(0)
  })

  it('streams client.stream through streamGenerateContent?alt=sse with usage', async () => {
    const stream = client.stream({
      model: 'gemini-2.5-flash',
      messages: [{ role: 'user', content: 'Hi' }],
      stream_options: { include_usage: true },
    })
    let text = ''
    let usageChunks = 0
    for await (const chunk of stream) {
      const choices = chunk.choices as { delta: { content?: string } }[]
      text += choices[0]?.delta.content ?? ''
      if (chunk.usage !== undefined && chunk.usage !== null) usageChunks++
    }
    expect(text).toBe('Hello from Gemini.')
    expect(usageChunks).toBe(1)
    expect(mock.requests[0]?.path).toBe('/v1beta/models/gemini-2.5-flash:streamGenerateContent')
    expect(mock.requests[0]?.query).toEqual({ alt: 'sse' })
    const result = await stream.result
    expect(result).toMatchObject({ providerId: 'gemini-1', streamed: true, streamError: undefined })
    expect(result.usage?.outputTokens).toBeGreaterThan(0)
  })

  it('serves the official OpenAI SDK with tools, non-streaming', async () => {
    const completion = await openai.chat.completions.create({
      model: 'gemini-2.5-flash',
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
      tools: [chatWeatherTool],
    })
    const call = completion.choices[0]?.message.tool_calls?.[0]
    expect(completion.choices[0]?.finish_reason).toBe('tool_calls')
    expect(call?.type === 'function' && call.function.name).toBe('get_weather')
    expect(call?.type === 'function' && JSON.parse(call.function.arguments)).toEqual({ city: 'example' })
    const sent = JSON.parse(mock.requests[0]?.body.toString() ?? '{}')
    expect(sent.tools[0].functionDeclarations[0].name).toBe('get_weather')
    expect((await lastResult())?.usage?.inputTokens).toBeGreaterThan(0)
  })

  it('serves the official OpenAI SDK with tools, streaming, and sends the tool result back', async () => {
    const stream = await openai.chat.completions.create({
      model: 'gemini-2.5-flash',
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
      tools: [chatWeatherTool],
      stream: true,
    })
    let name = ''
    let args = ''
    let id = ''
    let finish: string | null | undefined
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta
      id ||= delta?.tool_calls?.[0]?.id ?? ''
      name += delta?.tool_calls?.[0]?.function?.name ?? ''
      args += delta?.tool_calls?.[0]?.function?.arguments ?? ''
      finish = chunk.choices[0]?.finish_reason ?? finish
    }
    expect({ name, args: JSON.parse(args), finish }).toEqual({
      name: 'get_weather',
      args: { city: 'example' },
      finish: 'tool_calls',
    })
    const followUp = await openai.chat.completions.create({
      model: 'gemini-2.5-flash',
      messages: [
        { role: 'user', content: 'Weather in Paris?' },
        {
          role: 'assistant',
          tool_calls: [{ id, type: 'function', function: { name, arguments: args } }],
        },
        { role: 'tool', tool_call_id: id, content: '{"temp":18}' },
      ],
      tools: [chatWeatherTool],
    })
    expect(followUp.choices[0]?.message.content).toBe('Hello from Gemini.')
    const sent = JSON.parse(mock.requests[1]?.body.toString() ?? '{}')
    expect(sent.contents[2].parts[0].functionResponse).toEqual({
      name: 'get_weather',
      response: { output: { temp: 18 } },
    })
  })

  it('serves the official Anthropic SDK with tools, non-streaming', async () => {
    const message = await anthropic.messages.create({
      model: 'gemini-2.5-flash',
      max_tokens: 256,
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
      tools: [anthropicWeatherTool],
    })
    expect(message.stop_reason).toBe('tool_use')
    const block = message.content.find((item) => item.type === 'tool_use')
    expect(block?.type === 'tool_use' && block.input).toEqual({ city: 'example' })
    expect(message.usage.input_tokens).toBeGreaterThan(0)
  })

  it('serves the official Anthropic SDK with tools, streaming', async () => {
    const stream = anthropic.messages.stream({
      model: 'gemini-2.5-flash',
      max_tokens: 256,
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
      tools: [anthropicWeatherTool],
    })
    const message = await stream.finalMessage()
    expect(message.stop_reason).toBe('tool_use')
    const block = message.content.find((item) => item.type === 'tool_use')
    expect(block?.type === 'tool_use' && block.name).toBe('get_weather')
    expect(block?.type === 'tool_use' && block.input).toEqual({ city: 'example' })
    expect(message.usage.output_tokens).toBeGreaterThan(0)
  })

  it('serves a Responses streaming client (as Codex uses it) up to response.completed with usage', async () => {
    const stream = openai.responses.stream({
      model: 'gemini-2.5-flash',
      instructions: 'You are a coding agent.',
      input: [{ role: 'user', content: 'Weather in Paris?' }],
      tools: [responsesWeatherTool],
    })
    const types: string[] = []
    for await (const event of stream) types.push(event.type)
    const response = await stream.finalResponse()
    expect(types.at(-1)).toBe('response.completed')
    expect(types).toContain('response.function_call_arguments.delta')
    expect(response.status).toBe('completed')
    const call = response.output.find((item) => item.type === 'function_call')
    expect(call?.type === 'function_call' && JSON.parse(call.arguments)).toEqual({ city: 'example' })
    expect(response.usage?.input_tokens).toBeGreaterThan(0)
    expect(response.usage?.output_tokens).toBeGreaterThan(0)
    expect((await lastResult())?.usage?.outputTokens).toBeGreaterThan(0)
  })

  it('embeds through batchEmbedContents in batches of at most 100, for the OpenAI SDK', async () => {
    const input = Array.from({ length: 150 }, (_, index) => `text number ${index}`)
    const response = await openai.embeddings.create({ model: 'gemini/gemini-embedding-001', input })
    expect(response.data).toHaveLength(150)
    expect(response.data[149]?.index).toBe(149)
    expect(response.data[0]?.embedding).toHaveLength(8)
    expect(response.usage.prompt_tokens).toBeGreaterThan(0)
    const calls = mock.requests.map((request) => [
      request.path,
      JSON.parse(request.body.toString()).requests.length,
    ])
    expect(calls).toEqual([
      ['/v1beta/models/gemini-embedding-001:batchEmbedContents', 100],
      ['/v1beta/models/gemini-embedding-001:batchEmbedContents', 50],
    ])
    const result = await lastResult()
    expect(result).toMatchObject({ providerId: 'gemini-1', status: 200 })
    expect(result?.usage?.inputTokens).toBe(response.usage.prompt_tokens)
  })

  it('reports a key Google refuses as 401 in the client envelope, without falling back', async () => {
    const response = await sendRaw(harness.url, {
      path: '/v1/chat/completions',
      body: JSON.stringify({
        model: 'gemini-bad/gemini-2.5-flash',
        messages: [{ role: 'user', content: 'Hi' }],
      }),
    })
    expect(response.status).toBe(401)
    expect(JSON.parse(response.body.toString()).error).toMatchObject({
      type: 'authentication_error',
      code: 'API_KEY_INVALID',
    })
  })

  it('falls back from a Gemini 429 to the next provider in the chain', async () => {
    const fallbackClient = createProviderClient({
      providers: [
        { id: 'gemini-1', type: 'gemini', baseUrl: mock.url, credentials: { api_key: 'AIza-test' } },
        { id: 'openai-1', type: 'openai', baseUrl: `${mock.url}/v1`, credentials: { api_key: 'AIza-test' } },
      ],
      fallback: { chain: [{ provider: 'openai-1', model: 'gpt-4o-mini' }] },
    })
    mock.enqueue({ status: 429 })
    const { meta } = await fallbackClient.chat({
      model: 'gemini-2.5-flash',
      messages: [{ role: 'user', content: 'Hi' }],
    })
    await fallbackClient.close()
    expect(meta).toMatchObject({ providerId: 'openai-1', fallbackCount: 1, status: 200 })
    expect(meta.records.map((record) => [record.providerId, record.status])).toEqual([
      ['gemini-1', 429],
      ['openai-1', 200],
    ])
  })
})
