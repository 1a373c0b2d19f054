import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type ProxyHarness, sendRaw, startProxyHarness, waitFor } from '../../test-utils/proxy-harness.js'
import {
  json,
  type ScriptedUpstream,
  sse,
  startScriptedUpstream,
} from '../../test-utils/scripted-upstream.js'
import { createProviderClient, type ProviderClient } from '../client/create-provider-client.js'
import type { ProviderConfig } from '../spec/provider-config.js'

let upstream: ScriptedUpstream
let client: ProviderClient
let harness: ProxyHarness

beforeAll(async () => {
  upstream = await startScriptedUpstream()
  const providers: ProviderConfig[] = [
    {
      id: 'openai-a',
      type: 'openai',
      baseUrl: `${upstream.url}/v1`,
      credentials: { api_key: 'sk-upstream' },
    },
    {
      id: 'anthropic-a',
      type: 'anthropic',
      baseUrl: upstream.url,
      credentials: { api_key: 'sk-ant-upstream' },
    },
    {
      id: 'azure-a',
      type: 'azure-openai',
      models: ['gpt-4o-azure'],
      deploymentMap: { 'gpt-4o-azure': 'prod-4o' },
      credentials: { api_key: 'az-key', endpoint: upstream.url, api_version: '2024-10-21' },
    },
  ]
  client = createProviderClient({ providers, modelAliases: { fast: 'openai-a/gpt-4o-mini' } })
  harness = await startProxyHarness(client)
})
afterEach(() => {
  upstream.requests.length = 0
  harness.results.length = 0
})
afterAll(async () => {
  await harness.close()
  await client.close()
  await upstream.close()
})

describe('same-shape passthrough', () => {
  it('forwards body and query byte for byte and returns the upstream answer verbatim', async () => {
    const body = '{ "model":"gpt-4o",  "messages":[{"role":"user","content":"hé"}], "future_knob":{"n":1.0} }'
    const answer =
      '{"id":"c1","choices":[{"message":{"content":"hi"}}],"usage":{"prompt_tokens":10,"completion_tokens":3,' +
      '"prompt_tokens_details":{"cached_tokens":4},"completion_tokens_details":{"reasoning_tokens":1}},"new_field":[]}'
    upstream.enqueue(
      json(200, answer, {
        'openai-organization': 'org-secret',
        'set-cookie': 'a=b',
        'x-ratelimit-remaining-requests': '99',
      }),
    )
    const response = await sendRaw(harness.url, {
      path: '/v1/chat/completions?trace=1&x=%20y',
      body,
      headers: {
        authorization: 'Bearer lw_vk_live_client',
        'user-agent': 'OpenAI/JS 6',
        connection: 'keep-alive',
        'x-secret': 's',
      },
    })
    const sent = upstream.requests[0]
    expect(sent?.url).toBe('/v1/chat/completions?trace=1&x=%20y')
    expect(sent?.body.toString()).toBe(body)
    expect(sent?.headers.authorization).toBe('Bearer sk-upstream')
    expect(sent?.headers['user-agent']).toBe('OpenAI/JS 6')
    expect(sent?.headers['x-secret']).toBeUndefined()
    expect(response.status).toBe(200)
    expect(response.body.toString()).toBe(answer)
    expect(response.headers['x-request-id']).toBe('req-test-1')
    expect(response.headers['x-langwatch-provider']).toBe('openai-a')
    expect(response.headers['x-langwatch-fallback-count']).toBeUndefined()
    expect(response.headers['x-ratelimit-remaining-requests']).toBe('99')
    expect(response.headers['openai-organization']).toBeUndefined()
    expect(response.headers['set-cookie']).toBeUndefined()
    await waitFor(() => harness.results.length === 1)
    expect(harness.results[0]?.usage).toEqual({
      inputTokens: 6,
      outputTokens: 3,
      cacheReadInputTokens: 4,
      cacheCreationInputTokens: 0,
      reasoningTokens: 1,
    })
    expect(harness.results[0]?.costMicroUsd).toBe(Math.ceil(6 * 2.5 + 3 * 10 + 4 * 1.25))
  })

  it('rewrites only the model of an aliased request', async () => {
    const body =
      '{"model":"fast","messages":[{"role":"user","content":"x","model":"fast"}],"temperature":1.0}'
    upstream.enqueue(json(200, { usage: { prompt_tokens: 1, completion_tokens: 1 } }))
    await sendRaw(harness.url, { path: '/v1/chat/completions', body })
    expect(upstream.requests[0]?.body.toString()).toBe(
      body.replace('"model":"fast",', '"model":"gpt-4o-mini",'),
    )
  })

  it('passes Anthropic requests with cache_control, beta query and headers, and event lines', async () => {
    const body =
      '{"model":"claude-sonnet-4-5","max_tokens":5,"system":[{"type":"text","text":"long","cache_control":{"type":"ephemeral","ttl":"1h"}}],"messages":[{"role":"user","content":"hi"}],"stream":true}'
    const events = [
      'event: message_start\ndata: {"type":"message_start","message":{"usage":{"input_tokens":12,"cache_read_input_tokens":100,"cache_creation_input_tokens":7,"output_tokens":1}}}\n\n',
      'event: content_block_delta\ndata: {"type":"content_block_delta","delta":{"type":"text_delta","text":"Hi"}}\n\n',
      'event: message_delta\ndata: {"type":"message_delta","usage":{"output_tokens":9}}\n\n',
      'event: message_stop\ndata: {"type":"message_stop"}\n\n',
    ]
    upstream.enqueue(sse(events))
    const response = await sendRaw(harness.url, {
      path: '/v1/messages?beta=true',
      body,
      headers: {
        'x-api-key': 'lw_vk_live_client',
        'anthropic-version': '2023-06-01',
        'anthropic-beta': 'prompt-caching-2024-07-31',
      },
    })
    const sent = upstream.requests[0]
    expect(sent?.url).toBe('/v1/messages?beta=true')
    expect(sent?.body.toString()).toBe(body)
    expect(sent?.headers['x-api-key']).toBe('sk-ant-upstream')
    expect(sent?.headers['anthropic-version']).toBe('2023-06-01')
    expect(sent?.headers['anthropic-beta']).toBe('prompt-caching-2024-07-31')
    expect(response.body.toString()).toBe(events.join(''))
    await waitFor(() => harness.results.length === 1)
    expect(harness.results[0]?.usage).toMatchObject({
      inputTokens: 12,
      outputTokens: 9,
      cacheReadInputTokens: 100,
      cacheCreationInputTokens: 7,
    })
    expect(harness.results[0]?.streamed).toBe(true)
  })

  it('sends the default anthropic-version when the client sends none', async () => {
    upstream.enqueue(json(200, { input_tokens: 3 }))
    await sendRaw(harness.url, {
      path: '/v1/messages/count_tokens',
      body: '{"model":"claude-haiku-4-5","messages":[]}',
    })
    expect(upstream.requests[0]?.url).toBe('/v1/messages/count_tokens')
    expect(upstream.requests[0]?.headers['anthropic-version']).toBe('2023-06-01')
  })

  it('asks OpenAI for usage on streams and hides the usage chunk the client did not ask for', async () => {
    const chunk = 'data: {"id":"c","choices":[{"index":0,"delta":{"content":"hi"}}],"usage":null}\n\n'
    const usageChunk = 'data: {"id":"c","choices":[],"usage":{"prompt_tokens":5,"completion_tokens":2}}\n\n'
    upstream.enqueue(sse([chunk, usageChunk.slice(0, 30), usageChunk.slice(30), 'data: [DONE]\n\n']))
    const body = '{"model":"gpt-4o","stream":true,"messages":[]}'
    const response = await sendRaw(harness.url, { path: '/v1/chat/completions', body })
    expect(upstream.requests[0]?.body.toString()).toBe(
      '{"model":"gpt-4o","stream":true,"messages":[],"stream_options":{"include_usage":true}}',
    )
    expect(response.body.toString()).toBe(`${chunk}data: [DONE]\n\n`)
    expect(response.headers['content-length']).toBeUndefined()
    await waitFor(() => harness.results.length === 1)
    expect(harness.results[0]?.usage).toMatchObject({ inputTokens: 5, outputTokens: 2 })
  })

  it('keeps the usage chunk, and the body bytes, when the client asked for usage', async () => {
    const events = [
      'data: {"choices":[],"usage":{"prompt_tokens":1,"completion_tokens":1}}\n\n',
      'data: [DONE]\n\n',
    ]
    upstream.enqueue(sse(events))
    const body = '{"model":"gpt-4o","stream":true,"stream_options":{"include_usage":true},"messages":[]}'
    const response = await sendRaw(harness.url, { path: '/v1/chat/completions', body })
    expect(upstream.requests[0]?.body.toString()).toBe(body)
    expect(response.body.toString()).toBe(events.join(''))
  })

  it('delivers multi-byte UTF-8 split across TCP chunks intact', async () => {
    const event = Buffer.from('data: {"choices":[{"delta":{"content":"héllo 👋 世界"}}]}\n\n')
    const cut = event.indexOf(Buffer.from('👋')) + 2
    upstream.enqueue(sse([event.subarray(0, cut), event.subarray(cut), 'data: [DONE]\n\n'], 15))
    const body = '{"model":"gpt-4o","stream":true,"stream_options":{"include_usage":true},"messages":[]}'
    const response = await sendRaw(harness.url, { path: '/v1/chat/completions', body })
    expect(response.body.equals(Buffer.concat([event, Buffer.from('data: [DONE]\n\n')]))).toBe(true)
  })

  it('calls Azure on the deployment path with api-version and api-key', async () => {
    upstream.enqueue(json(200, { choices: [] }))
    await sendRaw(harness.url, {
      path: '/v1/chat/completions?foo=bar',
      body: '{"model":"gpt-4o-azure","messages":[]}',
      headers: { authorization: 'Bearer lw_vk_live_client' },
    })
    const sent = upstream.requests[0]
    expect(sent?.url).toBe('/openai/deployments/prod-4o/chat/completions?api-version=2024-10-21&foo=bar')
    expect(sent?.headers['api-key']).toBe('az-key')
    expect(sent?.headers.authorization).toBeUndefined()
    expect(sent?.body.toString()).toBe('{"model":"gpt-4o-azure","messages":[]}')
  })
})
