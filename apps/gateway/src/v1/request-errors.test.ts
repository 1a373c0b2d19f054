// End to end: requests the gateway refuses before any provider call (bad JSON, models, body
// size), and the access line each served request leaves behind.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { startStack, type TestStack } from '../test-utils/start-stack.js'
import { bearer, chatBody, postV1, type RawAnswer } from '../test-utils/v1-http.js'

const maxBodyBytes = 64 * 1024

let stack: TestStack
let key: string

beforeAll(async () => {
  stack = await startStack({ gatewayEnv: { SERVER_MAX_REQUEST_BODY_BYTES: String(maxBodyBytes) } })
  key = (await stack.createKey()).key
})
afterAll(() => stack?.close())

const chat = (body: unknown, headers: Record<string, string> = bearer(key)) =>
  postV1(stack.gateway.url, '/v1/chat/completions', body, headers)
const errorOf = (answer: RawAnswer) => answer.json().error as { code: string; type: string; message: string }

/** Runs `body` and returns how many requests reached the mock provider meanwhile. */
async function upstreamCallsDuring(body: () => Promise<void>): Promise<number> {
  const before = stack.mock.requests.length
  await body()
  return stack.mock.requests.length - before
}

describe('bad input', () => {
  it('refuses malformed JSON with 400 invalid_json', async () => {
    const answer = await chat('{"model":"gpt-4o-mini","messages":[')
    expect(answer.status).toBe(400)
    expect(errorOf(answer)).toMatchObject({ code: 'invalid_json', type: 'invalid_request_error' })
  })

  it('refuses malformed JSON on /v1/messages in the Anthropic error shape', async () => {
    const answer = await postV1(stack.gateway.url, '/v1/messages', '{"model":', {
      'x-api-key': key,
      'anthropic-version': '2023-06-01',
    })
    expect(answer.status).toBe(400)
    expect(answer.json()).toEqual({
      type: 'error',
      error: { type: 'invalid_request_error', message: expect.stringContaining('invalid_json') },
    })
  })

  it('refuses a missing or non-string model with 400 before calling a provider', async () => {
    const calls = await upstreamCallsDuring(async () => {
      for (const body of [{ messages: [] }, { model: 42, messages: [] }, { model: '', messages: [] }]) {
        const answer = await chat(body)
        expect(answer.status).toBe(400)
        expect(errorOf(answer)).toMatchObject({
          code: 'bad_request',
          message: expect.stringContaining('model'),
        })
      }
    })
    expect(calls).toBe(0)
  })

  it('answers a model no configured provider serves with 404 model_not_found', async () => {
    const unknown = await chat(chatBody('totally-unknown-model'))
    expect(unknown.status).toBe(404)
    expect(errorOf(unknown)).toMatchObject({ code: 'model_not_found', type: 'invalid_request_error' })
    const gemini = await chat(chatBody('gemini-2.5-pro'))
    expect(gemini.status).toBe(404)
    expect(errorOf(gemini).code).toBe('model_not_found')
  })

  it('refuses a model outside models_allowed with 400 model_not_allowed', async () => {
    const limited = await stack.createKey({ models_allowed: ['gpt-4o-mini'] })
    const calls = await upstreamCallsDuring(async () => {
      const answer = await chat(chatBody('gpt-4.1'), bearer(limited.key))
      expect(answer.status).toBe(400)
      expect(errorOf(answer).code).toBe('model_not_allowed')
    })
    expect(calls).toBe(0)
    expect((await chat(chatBody('gpt-4o-mini'), bearer(limited.key))).status).toBe(200)
  })

  it('refuses a body over SERVER_MAX_REQUEST_BODY_BYTES with 413, declared or chunked', async () => {
    const oversized = JSON.stringify({ ...chatBody(), padding: 'x'.repeat(maxBodyBytes) })
    const declared = await chat(oversized)
    expect(declared.status).toBe(413)
    expect(errorOf(declared).code).toBe('payload_too_large')

    const chunked = await fetch(`${stack.gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearer(key) },
      body: new Blob([oversized]).stream(),
      duplex: 'half',
    } as RequestInit)
    expect(chunked.status).toBe(413)
    expect(((await chunked.json()) as { error: { code: string } }).error.code).toBe('payload_too_large')
  })

  it('answers an oversized body without a key with 401: nothing is read before authentication', async () => {
    const oversized = JSON.stringify({ ...chatBody(), padding: 'x'.repeat(maxBodyBytes) })
    const answer = await chat(oversized, {})
    expect(answer.status).toBe(401)
    expect(errorOf(answer).code).toBe('invalid_api_key')
  })
})

describe('access log and metrics', () => {
  const accessLine = async (requestId: string) => {
    await vi.waitFor(() =>
      expect(stack.gateway.logs.find('access').some((l) => l.request_id === requestId)).toBe(true),
    )
    return stack.gateway.logs.find('access').find((line) => line.request_id === requestId)!
  }

  it('records provider, model, attempts, tokens and the request facts of a served request', async () => {
    const answer = await chat(chatBody(), { ...bearer(key), 'x-request-id': 'access-test-1' })
    expect(answer.status).toBe(200)
    expect(answer.headers.get('x-request-id')).toBe('access-test-1')
    const usage = answer.json().usage as { prompt_tokens: number; completion_tokens: number }
    const line = await accessLine('access-test-1')
    expect(line).toMatchObject({
      level: 'info',
      method: 'POST',
      route: '/v1/chat/completions',
      path: '/v1/chat/completions',
      status: 200,
      provider: stack.providers.openai,
      model: 'gpt-4o-mini',
      attempts: 1,
      input_tokens: usage.prompt_tokens,
      output_tokens: usage.completion_tokens,
      key_prefix: key.slice(0, 16),
      duration_ms: expect.any(Number),
      bytes: expect.any(Number),
    })
    expect(line.streaming).toBeUndefined()
  })

  it('marks streams and counts their tokens and attempts across a fallback', async () => {
    const project = await stack.createProject()
    const secondary = await project.addProvider({
      type: 'openai-compatible',
      name: 'openai-secondary',
      credentials: { api_key: 'sk-secondary' },
      base_url: `${stack.mock.url}/v1`,
      models: ['gpt-4o-mini'],
    })
    const chained = await project.createKey({ fallback: { chain: [secondary] } })
    stack.mock.enqueue({ status: 503 })
    const answer = await chat(
      { ...chatBody('openai-mock/gpt-4o-mini'), stream: true },
      { ...bearer(chained.key), 'x-request-id': 'access-test-2' },
    )
    expect(answer.status).toBe(200)
    const line = await accessLine('access-test-2')
    expect(line).toMatchObject({
      status: 200,
      streaming: true,
      provider: secondary,
      model: 'gpt-4o-mini',
      attempts: 2,
      output_tokens: 8,
      input_tokens: expect.any(Number),
      ttfb_ms: expect.any(Number),
    })
  })

  it('counts a stream in gateway_streaming_active while it runs, and not after', async () => {
    const streamingActive = async () => {
      const text = await stack.gateway.metrics.registry.getSingleMetricAsString('gateway_streaming_active')
      return Number(/^gateway_streaming_active(?:\{[^}]*\})? (\S+)$/m.exec(text)?.[1] ?? 0)
    }
    stack.mock.enqueue({ chunkDelayMs: 150 })
    const response = await fetch(`${stack.gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearer(key) },
      body: JSON.stringify({ ...chatBody(), stream: true }),
    })
    const reader = response.body!.getReader()
    await reader.read()
    expect(await streamingActive()).toBe(1)
    while (!(await reader.read()).done);
    await vi.waitFor(async () => expect(await streamingActive()).toBe(0))
  })

  it('records refusals with their status and no provider', async () => {
    await chat(chatBody(), { 'x-request-id': 'access-test-3' })
    const line = await accessLine('access-test-3')
    expect(line).toMatchObject({ status: 401, route: '/v1/chat/completions' })
    expect(line.provider).toBeUndefined()
  })
})
