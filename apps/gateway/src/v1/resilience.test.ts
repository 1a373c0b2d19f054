// End to end: what upstream failures look like to clients — errors passed through, fallback,
// circuit breakers, aborts, split UTF-8 and broken streams. Each test uses its own project, so
// its provider ids (and their breakers, threshold 2 here) are its own.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import Anthropic from '@anthropic-ai/sdk'
import type { RecordedRequest } from '@gw/mock-provider'
import OpenAI from 'openai'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { startStack, type TestProject, type TestStack } from '../test-utils/start-stack.js'
import { bearer, chatBody, postV1 } from '../test-utils/v1-http.js'

let stack: TestStack

beforeAll(async () => {
  stack = await startStack({
    gatewayEnv: { LW_GATEWAY_BREAKER_THRESHOLD: '2', LW_GATEWAY_BREAKER_COOLDOWN: '2s' },
  })
})
afterAll(() => stack?.close())

const primaryModel = 'openai-mock/gpt-4o-mini'
const multiByteText = 'Grüße — 你好，世界 👋🏽 done.'
const firstChunk = {
  id: 'chatcmpl-endless',
  object: 'chat.completion.chunk',
  created: 1,
  model: 'gpt-4o-mini',
  choices: [{ index: 0, delta: { role: 'assistant', content: 'Hel' }, finish_reason: null }],
}

const openai = (key: string) => new OpenAI({ apiKey: key, baseURL: `${stack.gateway.url}/v1`, maxRetries: 0 })
const anthropic = (key: string) => new Anthropic({ apiKey: key, baseURL: stack.gateway.url, maxRetries: 0 })

/** Runs `body`, returning its value and the mock requests made meanwhile. */
async function withMockRequests<T>(
  body: () => Promise<T>,
): Promise<{ value: T; received: RecordedRequest[] }> {
  const before = stack.mock.requests.length
  const value = await body()
  return { value, received: stack.mock.requests.slice(before) }
}

/** A fresh project plus a second OpenAI-compatible credential (`sk-secondary`) on the same mock. */
async function projectWithSecondary(): Promise<{ project: TestProject; secondary: string }> {
  const project = await stack.createProject()
  const secondary = await project.addProvider({
    type: 'openai-compatible',
    name: 'openai-secondary',
    credentials: { api_key: 'sk-secondary' },
    base_url: `${stack.mock.url}/v1`,
    models: ['gpt-4o-mini'],
  })
  return { project, secondary }
}

describe('upstream errors reaching the client', () => {
  it('hands a 429 and its retry-after to the OpenAI SDK as a RateLimitError', async () => {
    const project = await stack.createProject()
    const { key } = await project.createKey()
    stack.mock.enqueue({ status: 429, headers: { 'retry-after': '7' } })
    const error = await openai(key)
      .chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] })
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(OpenAI.RateLimitError)
    expect((error as InstanceType<typeof OpenAI.RateLimitError>).status).toBe(429)
    expect((error as InstanceType<typeof OpenAI.RateLimitError>).headers.get('retry-after')).toBe('7')

    stack.mock.enqueue({ status: 429, headers: { 'retry-after': '7' } })
    const raw = await postV1(stack.gateway.url, '/v1/chat/completions', chatBody(), bearer(key))
    expect(raw.status).toBe(429)
    expect(raw.headers.get('retry-after')).toBe('7')
    expect(raw.headers.get('x-langwatch-provider')).toBe(project.providers.openai)
    expect(raw.json()).toMatchObject({ error: { type: expect.any(String), message: expect.any(String) } })
  })

  it('returns a 400 from upstream as is, without trying the next provider', async () => {
    const { project, secondary } = await projectWithSecondary()
    const { key } = await project.createKey({ fallback: { chain: [secondary] } })
    stack.mock.enqueue({
      status: 400,
      body: { error: { message: 'bad field', type: 'invalid_request_error' } },
    })
    const { value: answer, received } = await withMockRequests(() =>
      postV1(stack.gateway.url, '/v1/chat/completions', chatBody(primaryModel), bearer(key)),
    )
    expect(answer.status).toBe(400)
    expect(answer.json()).toEqual({ error: { message: 'bad field', type: 'invalid_request_error' } })
    expect(answer.headers.get('x-langwatch-fallback-count')).toBeNull()
    expect(received).toHaveLength(1)
  })
})

describe('fallback', () => {
  it('serves from the second provider of the chain when the first answers 503', async () => {
    const { project, secondary } = await projectWithSecondary()
    const { key } = await project.createKey({ fallback: { chain: [secondary] } })
    stack.mock.enqueue({ status: 503 })
    const { value: answer, received } = await withMockRequests(() =>
      postV1(stack.gateway.url, '/v1/chat/completions', chatBody(primaryModel), bearer(key)),
    )
    expect(answer.status).toBe(200)
    expect(answer.headers.get('x-langwatch-fallback-count')).toBe('1')
    expect(answer.headers.get('x-langwatch-provider')).toBe(secondary)
    expect(received.map((request) => request.headers.authorization)).toEqual([
      'Bearer sk-mock-openai',
      'Bearer sk-secondary',
    ])
  })

  it('falls back to a credential created without a models list (its family serves the model)', async () => {
    const project = await stack.createProject()
    const backup = await project.addProvider({
      type: 'openai',
      name: 'openai-backup',
      credentials: { api_key: 'sk-backup' },
      base_url: `${stack.mock.url}/v1`,
    })
    const { key } = await project.createKey({ fallback: { chain: [backup] } })
    stack.mock.enqueue({ status: 503 })
    const { value: answer, received } = await withMockRequests(() =>
      postV1(stack.gateway.url, '/v1/chat/completions', chatBody(primaryModel), bearer(key)),
    )
    expect(answer.status).toBe(200)
    expect(answer.headers.get('x-langwatch-provider')).toBe(backup)
    expect(received.map((request) => request.headers.authorization)).toEqual([
      'Bearer sk-mock-openai',
      'Bearer sk-backup',
    ])
  })

  it('falls back to an Anthropic credential, translating the answer for the OpenAI client', async () => {
    const project = await stack.createProject()
    const claude = await project.addProvider({
      type: 'anthropic',
      name: 'anthropic-fallback',
      credentials: { api_key: 'sk-ant-fallback' },
      base_url: stack.mock.url,
      models: ['claude-haiku-4-5'],
    })
    const { key } = await project.createKey({ fallback: { chain: [claude] } })
    stack.mock.enqueue({ status: 503 })
    const { data, response } = await openai(key)
      .chat.completions.create({ model: primaryModel, messages: [{ role: 'user', content: 'Hi' }] })
      .withResponse()
    expect(data.choices[0]?.message.content).toBe('Hello from the mock provider.')
    expect(response.headers.get('x-langwatch-provider')).toBe(claude)
    expect(response.headers.get('x-langwatch-fallback-count')).toBe('1')
    expect(stack.mock.requests.at(-1)).toMatchObject({ wire: 'anthropic', operation: 'messages' })
  })

  it('falls back before the first streamed byte', async () => {
    const { project, secondary } = await projectWithSecondary()
    const { key } = await project.createKey({ fallback: { chain: [secondary] } })
    stack.mock.enqueue({ status: 503 })
    const { data: stream, response } = await openai(key)
      .chat.completions.create({
        model: primaryModel,
        messages: [{ role: 'user', content: 'Hi' }],
        stream: true,
      })
      .withResponse()
    let text = ''
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? ''
    expect(text).toBe('Hello from the mock provider.')
    expect(response.headers.get('x-langwatch-fallback-count')).toBe('1')
    expect(response.headers.get('x-langwatch-provider')).toBe(secondary)
  })

  it('does not fall back once a stream has started: the OpenAI SDK sees an error, not a silent end', async () => {
    const { project, secondary } = await projectWithSecondary()
    const { key } = await project.createKey({ fallback: { chain: [secondary] } })
    stack.mock.enqueue({ failAfterChunks: 2 })
    let text = ''
    let failure: unknown
    const { received } = await withMockRequests(async () => {
      try {
        const stream = await openai(key).chat.completions.create({
          model: primaryModel,
          messages: [{ role: 'user', content: 'Hi' }],
          stream: true,
        })
        for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? ''
      } catch (error) {
        failure = error
      }
    })
    expect(failure).toBeInstanceOf(OpenAI.APIError)
    expect(text.length).toBeGreaterThan(0)
    expect(text).not.toBe('Hello from the mock provider.')
    expect(received).toHaveLength(1)
  })
})

describe('circuit breakers', () => {
  it('opens after repeated 503s, skips the provider, answers circuit_open when all are open, and closes after a good probe', async () => {
    const { project, secondary } = await projectWithSecondary()
    const chained = (await project.createKey({ fallback: { chain: [secondary] } })).key
    const onlyPrimary = (await project.createKey()).key
    const onlySecondary = (await project.createKey()).key
    const call = (key: string, model = primaryModel) =>
      postV1(stack.gateway.url, '/v1/chat/completions', chatBody(model), bearer(key))

    stack.mock.enqueue({ status: 503 }, { status: 503 })
    expect((await call(onlyPrimary)).status).toBe(503)
    expect((await call(onlyPrimary)).status).toBe(503)

    const { value: skipped, received: skippedRequests } = await withMockRequests(() => call(chained))
    expect(skipped.status).toBe(200)
    expect(skipped.headers.get('x-langwatch-provider')).toBe(secondary)
    expect(skippedRequests.map((request) => request.headers.authorization)).toEqual(['Bearer sk-secondary'])

    stack.mock.enqueue({ status: 503 }, { status: 503 })
    expect((await call(onlySecondary, 'openai-secondary/gpt-4o-mini')).status).toBe(503)
    expect((await call(onlySecondary, 'openai-secondary/gpt-4o-mini')).status).toBe(503)

    const { value: refused, received: refusedRequests } = await withMockRequests(() => call(chained))
    expect(refused.status).toBe(503)
    expect((refused.json().error as { code: string }).code).toBe('circuit_open')
    expect(refusedRequests).toHaveLength(0)

    await new Promise((resolve) => setTimeout(resolve, 2_100))
    const probe = await call(chained)
    expect(probe.status).toBe(200)
    expect(probe.headers.get('x-langwatch-provider')).toBe(project.providers.openai)
    expect(
      stack.gateway.logs
        .find('circuit_state_changed')
        .filter((line) => line.provider_id === project.providers.openai)
        .map((line) => line.to),
    ).toEqual(['open', 'half-open', 'closed'])
    expect((await call(onlyPrimary)).status).toBe(200)
  })
})

describe('streams', () => {
  it('frees the upstream connection when the client aborts mid-stream, logging provider and tokens', async () => {
    // A bare upstream that sends one chunk and then holds the stream open forever, noting the
    // moment its connection is let go (the mock only notices on its next write).
    let upstreamLetGo: (at: number) => void = () => {}
    const letGo = new Promise<number>((resolve) => {
      upstreamLetGo = resolve
    })
    const upstream = createServer((request, response) => {
      request.resume()
      response.writeHead(200, { 'content-type': 'text/event-stream' })
      response.write(`data: ${JSON.stringify(firstChunk)}\n\n`)
      // Usage seen before the client leaves is billed and logged.
      const usage = { prompt_tokens: 7, completion_tokens: 1, total_tokens: 8 }
      response.write(`data: ${JSON.stringify({ ...firstChunk, choices: [], usage })}\n\n`)
      for (const event of ['end', 'close'] as const)
        request.socket.once(event, () => upstreamLetGo(Date.now()))
    })
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve))
    try {
      const project = await stack.createProject()
      const provider = await project.addProvider({
        type: 'openai',
        name: 'openai-endless',
        credentials: { api_key: 'sk-endless' },
        base_url: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/v1`,
      })
      const { key } = await project.createKey({ providers_allowed: [provider] })
      const controller = new AbortController()
      const response = await fetch(`${stack.gateway.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...bearer(key) },
        body: JSON.stringify({ ...chatBody('openai-endless/gpt-4o-mini'), stream: true }),
        signal: controller.signal,
      })
      const first = await response.body!.getReader().read()
      expect(new TextDecoder().decode(first.value)).toContain('"content":"Hel"')
      const abortedAt = Date.now()
      controller.abort()
      expect((await letGo) - abortedAt).toBeLessThan(1_000)
      await vi.waitFor(() =>
        expect(
          stack.gateway.logs.find('access').filter((line) => line.provider === provider && line.aborted),
        ).toEqual([expect.objectContaining({ model: 'gpt-4o-mini', input_tokens: 7, output_tokens: 1 })]),
      )
    } finally {
      upstream.closeAllConnections()
      await new Promise((resolve) => upstream.close(resolve))
    }
  })

  it('delivers multi-byte characters split across upstream chunks intact', async () => {
    const project = await stack.createProject()
    const { key } = await project.createKey()
    stack.mock.enqueue({ splitUtf8: true })
    const stream = await openai(key).chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Hi' }],
      stream: true,
    })
    let text = ''
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? ''
    expect(text).toBe(multiByteText)

    stack.mock.enqueue({ splitUtf8: true })
    const message = await anthropic(key)
      .messages.stream({
        model: 'claude-haiku-4-5',
        max_tokens: 64,
        messages: [{ role: 'user', content: 'Hi' }],
      })
      .finalMessage()
    expect(message.content[0]).toMatchObject({ type: 'text', text: multiByteText })
  })

  it('ends an Anthropic stream broken upstream with an error the SDK throws', async () => {
    const project = await stack.createProject()
    const { key } = await project.createKey()
    stack.mock.enqueue({ failAfterChunks: 2 })
    const stream = anthropic(key).messages.stream({
      model: 'claude-haiku-4-5',
      max_tokens: 64,
      messages: [{ role: 'user', content: 'Hi' }],
    })
    const failure = await stream.finalMessage().catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(Anthropic.APIError)
  })
})
