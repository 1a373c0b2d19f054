import { request as httpRequest } from 'node:http'
import Anthropic from '@anthropic-ai/sdk'
import OpenAI from 'openai'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  type ForwardRig,
  type ProxyHarness,
  sendRaw,
  startForwardRig,
  waitFor,
} from '../../test-utils/proxy-harness.js'
import { type ScriptedUpstream, sse, type UpstreamScript } from '../../test-utils/scripted-upstream.js'

let primary: ScriptedUpstream
let secondary: ScriptedUpstream
let harness: ProxyHarness

const openAIChunk =
  'data: {"id":"c","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"Hel"}}]}\n\n'
const anthropicStart =
  'event: message_start\ndata: {"type":"message_start","message":{"id":"m","type":"message","role":"assistant","content":[],"model":"claude-sonnet-4-5","usage":{"input_tokens":3,"output_tokens":1}}}\n\n'

/** Sends headers and `parts`, then kills the socket. */
function dieAfter(parts: string[]): UpstreamScript {
  return async (response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream' })
    for (const part of parts) response.write(part)
    await new Promise((resolve) => setTimeout(resolve, 20))
    response.socket?.destroy()
  }
}

let rig: ForwardRig
beforeAll(async () => {
  rig = await startForwardRig((urls) => ({
    providers: [
      { id: 'openai-a', type: 'openai', baseUrl: `${urls.primary}/v1`, credentials: { api_key: 'a' } },
      { id: 'openai-b', type: 'openai', baseUrl: `${urls.secondary}/v1`, credentials: { api_key: 'b' } },
      { id: 'anthropic-a', type: 'anthropic', baseUrl: urls.primary, credentials: { api_key: 'c' } },
    ],
    fallback: { chain: ['openai-b'] },
  }))
  ;({ primary, secondary, harness } = rig)
})
afterEach(() => rig.reset())
afterAll(() => rig.close())

describe('streams', () => {
  it('aborts the upstream call when the client leaves mid-stream', async () => {
    primary.enqueue(async (response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' })
      response.write(openAIChunk)
    })
    await new Promise<void>((resolve, reject) => {
      const request = httpRequest(`${harness.url}/v1/chat/completions`, { method: 'POST' }, (response) => {
        response.once('data', () => {
          request.destroy()
          resolve()
        })
      })
      request.on('error', () => {})
      request.end('{"model":"gpt-4o","stream":true,"stream_options":{"include_usage":true},"messages":[]}')
      setTimeout(() => reject(new Error('no first chunk')), 5_000)
    })
    expect(await primary.responseClosed(0)).toEqual({ finished: false })
    await waitFor(() => harness.results.length === 1)
    expect(harness.results[0]?.clientAborted).toBe(true)
    expect(secondary.requests).toHaveLength(0)
  })

  it('aborts the upstream call when the client leaves before any answer, without falling back', async () => {
    primary.enqueue(() => {})
    const request = httpRequest(`${harness.url}/v1/chat/completions`, { method: 'POST' })
    request.on('error', () => {})
    request.end('{"model":"gpt-4o","messages":[]}')
    await waitFor(() => primary.requests.length === 1)
    request.destroy()
    expect(await primary.responseClosed(0)).toEqual({ finished: false })
    await waitFor(() => harness.results.length === 1)
    expect(harness.results[0]).toMatchObject({ clientAborted: true, attempts: 1 })
    expect(secondary.requests).toHaveLength(0)
  })

  it('ends an OpenAI stream that broke off with an error event the SDK throws, without falling back', async () => {
    primary.enqueue(dieAfter([openAIChunk]))
    const openai = new OpenAI({ apiKey: 'lw_vk_test', baseURL: `${harness.url}/v1`, maxRetries: 0 })
    const stream = await openai.chat.completions.create({ model: 'gpt-4o', messages: [], stream: true })
    const seen: string[] = []
    await expect(async () => {
      for await (const chunk of stream) seen.push(chunk.choices[0]?.delta.content ?? '')
    }).rejects.toThrow(/broke off/)
    expect(seen).toEqual(['Hel'])
    expect(secondary.requests).toHaveLength(0)
    await waitFor(() => harness.results.length === 1)
    expect(harness.results[0]?.streamError).toMatch(/openai-a/)
  })

  it('writes the OpenAI error event on a clean event boundary', async () => {
    primary.enqueue(dieAfter([openAIChunk, 'data: {"partial']))
    const response = await sendRaw(harness.url, {
      path: '/v1/chat/completions',
      body: '{"model":"gpt-4o","stream":true,"stream_options":{"include_usage":true},"messages":[]}',
    })
    const text = response.body.toString()
    expect(text.startsWith(`${openAIChunk}data: {"partial\n\ndata: {"error":{`)).toBe(true)
    expect(text.endsWith('}}\n\n')).toBe(true)
    expect(text).not.toContain('[DONE]')
  })

  it('ends an Anthropic stream that broke off with an error event the SDK throws', async () => {
    primary.enqueue(dieAfter([anthropicStart]))
    const anthropic = new Anthropic({ apiKey: 'lw_vk_test', baseURL: harness.url, maxRetries: 0 })
    const stream = await anthropic.messages.create({
      model: 'claude-sonnet-4-5',
      max_tokens: 10,
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    })
    const types: string[] = []
    await expect(async () => {
      for await (const event of stream) types.push(event.type)
    }).rejects.toThrow(/broke off/)
    expect(types).toEqual(['message_start'])
    await waitFor(() => harness.results.length === 1)
    expect(harness.results[0]?.usage?.inputTokens).toBe(3)
  })

  it('falls back when the upstream dies after its headers but before any byte', async () => {
    primary.enqueue(dieAfter([]))
    secondary.enqueue(sse([openAIChunk, 'data: [DONE]\n\n']))
    const response = await sendRaw(harness.url, {
      path: '/v1/chat/completions',
      body: '{"model":"gpt-4o","stream":true,"stream_options":{"include_usage":true},"messages":[]}',
    })
    expect(response.body.toString()).toBe(`${openAIChunk}data: [DONE]\n\n`)
    expect(response.headers['x-langwatch-provider']).toBe('openai-b')
    expect(response.headers['x-langwatch-fallback-count']).toBe('1')
  })
})
