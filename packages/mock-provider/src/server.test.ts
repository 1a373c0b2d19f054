import { request as httpRequest } from 'node:http'
import Anthropic from '@anthropic-ai/sdk'
import OpenAI from 'openai'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { multiByteReplyText } from './reply-text.js'
import { startMockProvider } from './server.js'
import type { MockProvider } from './types.js'

const chat = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'hi' }] }

function rawPost(url: string, path: string, body: unknown): Promise<{ status: number; pieces: Buffer[] }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${url}${path}`,
      { method: 'POST', headers: { 'content-type': 'application/json' } },
      (res) => {
        const pieces: Buffer[] = []
        res.on('data', (piece: Buffer) => pieces.push(piece))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, pieces }))
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end(JSON.stringify(body))
  })
}

describe('mock provider behaviours', () => {
  let mock: MockProvider
  let openai: OpenAI
  let anthropic: Anthropic

  beforeAll(async () => {
    mock = await startMockProvider()
    openai = new OpenAI({ baseURL: `${mock.url}/v1`, apiKey: 'sk-test', maxRetries: 0 })
    anthropic = new Anthropic({ baseURL: mock.url, apiKey: 'sk-ant-test', maxRetries: 0 })
  })
  afterAll(() => mock.close())
  afterEach(() => mock.reset())

  it('surfaces an enqueued 429 as the OpenAI SDK typed error with retry-after', async () => {
    mock.enqueue({ status: 429, headers: { 'retry-after': '7' } })
    const error = await openai.chat.completions.create(chat).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(OpenAI.RateLimitError)
    const rateLimit = error as InstanceType<typeof OpenAI.RateLimitError>
    expect(rateLimit.status).toBe(429)
    expect(rateLimit.headers.get('retry-after')).toBe('7')
    expect(rateLimit.code).toBe('rate_limit_exceeded')
  })

  it('surfaces an enqueued 529 as an Anthropic overloaded error, then succeeds', async () => {
    mock.enqueue({ status: 529 })
    const error = await anthropic.messages
      .create({ model: 'claude-sonnet-4-6', max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] })
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(Anthropic.APIError)
    expect((error as InstanceType<typeof Anthropic.APIError>).status).toBe(529)
    expect((error as { error?: unknown }).error).toMatchObject({
      type: 'error',
      error: { type: 'overloaded_error' },
    })
    const ok = await anthropic.messages.create({
      model: 'claude-sonnet-4-6',
      max_tokens: 5,
      messages: [{ role: 'user', content: 'hi' }],
    })
    expect(ok.type).toBe('message')
  })

  it('surfaces an enqueued 429 as the Anthropic SDK RateLimitError with retry-after', async () => {
    mock.enqueue({ status: 429, headers: { 'retry-after': '3' } })
    const error = await anthropic.messages
      .create({ model: 'claude-sonnet-4-6', max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] })
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(Anthropic.RateLimitError)
    const rateLimit = error as InstanceType<typeof Anthropic.RateLimitError>
    expect(rateLimit.status).toBe(429)
    expect(rateLimit.headers?.get('retry-after')).toBe('3')
    expect(rateLimit.requestID).toBe('req_mock_429')
  })

  it('sends a custom body with the enqueued status', async () => {
    mock.enqueue({ status: 200, body: { custom: true } })
    const response = await fetch(`${mock.url}/v1/chat/completions`, {
      method: 'POST',
      body: JSON.stringify(chat),
    })
    expect(await response.json()).toEqual({ custom: true })
  })

  it('applies model-name conventions and the x-mock-behaviour header', async () => {
    const byModel = await openai.chat.completions
      .create({ ...chat, model: 'mock-error-503' })
      .catch((caught: unknown) => caught)
    expect((byModel as InstanceType<typeof OpenAI.APIError>).status).toBe(503)
    const byHeader = await openai.chat.completions
      .create(chat, { headers: { 'x-mock-behaviour': '{"status":404}' } })
      .catch((caught: unknown) => caught)
    expect(byHeader).toBeInstanceOf(OpenAI.NotFoundError)
  })

  it('hangs past the client timeout, which the SDK reports as a timeout', async () => {
    mock.enqueue({ hangMs: 5_000 })
    const error = await openai.chat.completions
      .create(chat, { timeout: 200 })
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(OpenAI.APIConnectionTimeoutError)
  })

  it('cuts a stream after N chunks so the client sees a broken stream', async () => {
    mock.enqueue({ failAfterChunks: 2 })
    const stream = await openai.chat.completions.create({ ...chat, stream: true })
    const received: string[] = []
    const consume = async () => {
      for await (const chunk of stream) received.push(chunk.choices[0]?.delta.content ?? '')
    }
    await expect(consume()).rejects.toThrow()
    expect(received).toHaveLength(2)
  })

  it('ends a stream with the wire error event after N chunks', async () => {
    mock.enqueue({ streamErrorAfterChunks: 2 })
    const stream = anthropic.messages.stream({
      model: 'claude-sonnet-4-6',
      max_tokens: 5,
      messages: [{ role: 'user', content: 'hi' }],
    })
    await expect(stream.finalMessage()).rejects.toThrow(/Overloaded/)
  })

  it('drops the connection without answering', async () => {
    mock.enqueue({ dropConnection: true })
    const error = await openai.chat.completions.create(chat).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(OpenAI.APIConnectionError)
  })

  it('writes a multi-byte reply cut mid-character that the SDK still decodes exactly', async () => {
    mock.enqueue({ splitUtf8: true })
    const raw = await rawPost(mock.url, '/v1/chat/completions', { ...chat, stream: true })
    const cutMidCharacter = raw.pieces.some((piece) => (piece.at(-1) ?? 0) >= 0xc0)
    expect(cutMidCharacter).toBe(true)
    mock.enqueue({ splitUtf8: true })
    const stream = await openai.chat.completions.create({ ...chat, stream: true })
    let text = ''
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? ''
    expect(text).toBe(multiByteReplyText)
  })

  it('replies with the text of a replyText behaviour', async () => {
    mock.enqueue({ replyText: 'pong' })
    const completion = await openai.chat.completions.create(chat)
    expect(completion.choices[0]?.message.content).toBe('pong')
  })

  it('answers unknown paths with 404 and records every request', async () => {
    const response = await fetch(`${mock.url}/nope?x=1`, { method: 'POST', body: '{}' })
    expect(response.status).toBe(404)
    expect(mock.requests.at(-1)).toMatchObject({ path: '/nope', query: { x: '1' }, wire: 'unknown' })
  })
})

describe('mock provider lifecycle', () => {
  it('counts open connections and destroys them on close', async () => {
    const mock = await startMockProvider({ recordRequests: false })
    mock.enqueue({ hangMs: 60_000 })
    const pending = fetch(`${mock.url}/v1/chat/completions`, {
      method: 'POST',
      body: JSON.stringify(chat),
    }).catch((caught: unknown) => caught)
    await expect.poll(() => mock.openConnections()).toBe(1)
    await mock.close()
    expect(await pending).toBeInstanceOf(Error)
    expect(mock.requests).toHaveLength(0)
  })

  it('stops writing when the client leaves mid-stream and keeps serving others', async () => {
    const mock = await startMockProvider({ chunkDelayMs: 30 })
    await new Promise<void>((resolve) => {
      const req = httpRequest(`${mock.url}/v1/chat/completions`, { method: 'POST' }, (res) => {
        res.once('data', () => {
          req.destroy()
          resolve()
        })
      })
      req.on('error', () => undefined)
      req.end(JSON.stringify({ ...chat, stream: true }))
    })
    await expect.poll(() => mock.openConnections()).toBe(0)
    const next = await fetch(`${mock.url}/v1/chat/completions`, {
      method: 'POST',
      body: JSON.stringify(chat),
    })
    expect(next.status).toBe(200)
    await mock.close()
  })

  it('refuses bad options when starting', async () => {
    await expect(startMockProvider({ streamChunks: 0 })).rejects.toThrow(/streamChunks/)
    await expect(startMockProvider({ latencyMs: -1 })).rejects.toThrow(/latencyMs/)
  })
})
