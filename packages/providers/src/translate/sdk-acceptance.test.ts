import { once } from 'node:events'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import Anthropic from '@anthropic-ai/sdk'
import OpenAI from 'openai'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadFixture } from '../../test-utils/sse.js'
import { createStreamTranslator } from './stream-translator.js'
import type { ClientWire } from './wire.js'

// Each route replays a recorded upstream stream through the translator, as the gateway would.
const routes: Record<string, { fixture: string; from: ClientWire; to: ClientWire }> = {
  '/v1/chat/completions': {
    fixture: 'anthropic-tool-use.chunks.txt',
    from: 'anthropic-messages',
    to: 'openai-chat',
  },
  '/v1/responses': {
    fixture: 'anthropic-thinking.chunks.txt',
    from: 'anthropic-messages',
    to: 'openai-responses',
  },
  '/v1/messages': {
    fixture: 'openai-chat-tool-calls.chunks.txt',
    from: 'openai-chat',
    to: 'anthropic-messages',
  },
  '/tools/v1/responses': {
    fixture: 'anthropic-tool-use.chunks.txt',
    from: 'anthropic-messages',
    to: 'openai-responses',
  },
  '/failing/v1/chat/completions': {
    fixture: 'anthropic-overloaded.chunks.txt',
    from: 'anthropic-messages',
    to: 'openai-chat',
  },
  '/failing/v1/messages': {
    fixture: 'openai-chat-text.chunks.txt',
    from: 'openai-chat',
    to: 'anthropic-messages',
  },
}

let server: Server
let baseURL: string

beforeAll(async () => {
  server = createServer((request, response) => {
    const route = routes[request.url ?? '']
    request.resume()
    if (route === undefined) {
      response.writeHead(404).end()
      return
    }
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' })
    const translator = createStreamTranslator({
      from: route.from,
      to: route.to,
      includeUsage: true,
      requestModel: 'client-model',
    })
    const events = loadFixture(route.fixture)
    // The failing Anthropic route cuts the upstream after two events, as a dropped connection would.
    const sent = request.url === '/failing/v1/messages' ? events.slice(0, 2) : events
    for (const event of sent) response.write(translator.push(event))
    response.end(translator.end())
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  server.close()
  await once(server, 'close')
})

describe('official SDKs accept translated streams', () => {
  it('openai chat stream helper assembles text, two tool calls and usage from a Claude stream', async () => {
    const client = new OpenAI({ apiKey: 'test', baseURL: `${baseURL}/v1`, maxRetries: 0 })
    const stream = client.chat.completions.stream({
      model: 'client-model',
      messages: [{ role: 'user', content: 'hi' }],
    })
    const completion = await stream.finalChatCompletion()
    const message = completion.choices[0]?.message
    expect(message?.content).toBe('Checking both cities.')
    expect(
      message?.tool_calls?.map((call) => call.type === 'function' && [call.id, call.function.arguments]),
    ).toEqual([
      ['toolu_01Paris', '{"city": "Paris"}'],
      ['toolu_02Rome', '{"city": "Rome"}'],
    ])
    expect(completion.choices[0]?.finish_reason).toBe('tool_calls')
    expect(completion.usage?.prompt_tokens).toBe(2560)
  })

  it('openai responses stream helper builds the final response with reasoning and text', async () => {
    const client = new OpenAI({ apiKey: 'test', baseURL: `${baseURL}/v1`, maxRetries: 0 })
    const stream = client.responses.stream({ model: 'client-model', input: 'haiku please' })
    const response = await stream.finalResponse()
    expect(response.status).toBe('completed')
    expect(response.output_text).toBe('Autumn moon rises')
    expect(response.output[0]).toMatchObject({
      type: 'reasoning',
      encrypted_content: 'EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxsig==',
    })
    expect(response.usage?.output_tokens).toBe(52)
  })

  it('anthropic message stream helper builds tool_use blocks with parsed input from a GPT stream', async () => {
    const client = new Anthropic({ apiKey: 'test', baseURL, maxRetries: 0 })
    const stream = client.messages.stream({
      model: 'client-model',
      max_tokens: 100,
      messages: [{ role: 'user', content: 'hi' }],
    })
    const message = await stream.finalMessage()
    expect(message.stop_reason).toBe('tool_use')
    expect(message.content).toEqual([
      { type: 'tool_use', id: 'call_Paris1', name: 'get_weather', input: { city: 'Paris' } },
      { type: 'tool_use', id: 'call_Rome2', name: 'get_weather', input: { city: 'Rome' } },
    ])
    expect(message.usage).toMatchObject({
      input_tokens: 512,
      output_tokens: 48,
      cache_read_input_tokens: 2048,
    })
  })

  it('openai responses stream helper builds function_call items from Claude tool_use blocks', async () => {
    const client = new OpenAI({ apiKey: 'test', baseURL: `${baseURL}/tools/v1`, maxRetries: 0 })
    const response = await client.responses
      .stream({ model: 'client-model', input: 'weather?' })
      .finalResponse()
    const calls = response.output.filter((item) => item.type === 'function_call')
    expect(calls.map((call) => [call.call_id, call.name, call.arguments])).toEqual([
      ['toolu_01Paris', 'get_weather', '{"city": "Paris"}'],
      ['toolu_02Rome', 'get_weather', '{"city": "Rome"}'],
    ])
    expect(response.usage?.input_tokens_details.cached_tokens).toBe(2048)
  })

  it('openai SDK raises the translated mid-stream error', async () => {
    const client = new OpenAI({ apiKey: 'test', baseURL: `${baseURL}/failing/v1`, maxRetries: 0 })
    const stream = client.chat.completions.stream({
      model: 'client-model',
      messages: [{ role: 'user', content: 'hi' }],
    })
    await expect(stream.finalChatCompletion()).rejects.toThrow('Overloaded')
  })

  it('anthropic SDK raises the error event written for a stream cut short', async () => {
    const client = new Anthropic({ apiKey: 'test', baseURL: `${baseURL}/failing`, maxRetries: 0 })
    const stream = client.messages.stream({
      model: 'client-model',
      max_tokens: 100,
      messages: [{ role: 'user', content: 'hi' }],
    })
    await expect(stream.finalMessage()).rejects.toThrow('ended before it finished')
  })
})
