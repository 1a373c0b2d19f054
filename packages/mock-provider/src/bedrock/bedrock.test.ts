import { request as httpRequest } from 'node:http'
import { Sha256 } from '@aws-crypto/sha256-js'
import { EventStreamCodec } from '@smithy/eventstream-codec'
import { SignatureV4 } from '@smithy/signature-v4'
import { fromUtf8, toUtf8 } from '@smithy/util-utf8'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startMockProvider } from '../server.js'
import type { MockProvider } from '../types.js'

const aws = { accessKeyId: 'AKIDMOCK', secretAccessKey: 'mock-secret-key' }
const modelId = 'anthropic.claude-3-5-sonnet-20240620-v1:0'
const codec = new EventStreamCodec(toUtf8, fromUtf8)
const converseBody = { messages: [{ role: 'user', content: [{ text: 'Say hello, please' }] }] }

interface Reply {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: Buffer
}

async function send(
  mock: MockProvider,
  path: string,
  body: unknown,
  secret = aws.secretAccessKey,
): Promise<Reply> {
  const payload = JSON.stringify(body)
  const host = `127.0.0.1:${mock.port}`
  const signer = new SignatureV4({
    service: 'bedrock',
    region: 'us-east-1',
    credentials: { accessKeyId: aws.accessKeyId, secretAccessKey: secret },
    sha256: Sha256,
  })
  const signed = await signer.sign({
    method: 'POST',
    protocol: 'http:',
    hostname: '127.0.0.1',
    port: mock.port,
    path,
    query: {},
    headers: { host, 'content-type': 'application/json' },
    body: payload,
  })
  return rawPost(mock, path, payload, signed.headers)
}

function rawPost(
  mock: MockProvider,
  path: string,
  payload: string,
  headers: Record<string, string>,
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: mock.port, path, method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      )
    })
    req.on('error', reject)
    req.end(payload)
  })
}

function decodeFrames(bytes: Buffer): Array<{ type: string; payload: Record<string, unknown> }> {
  const frames = []
  for (let offset = 0; offset < bytes.length; ) {
    const length = bytes.readUInt32BE(offset)
    const message = codec.decode(bytes.subarray(offset, offset + length))
    offset += length
    frames.push({
      type: String(message.headers[':event-type']?.value ?? message.headers[':exception-type']?.value),
      payload: JSON.parse(toUtf8(message.body)) as Record<string, unknown>,
    })
  }
  return frames
}

const path = (operation: string) => `/model/${encodeURIComponent(modelId)}/${operation}`

describe('Bedrock Runtime wire', () => {
  let mock: MockProvider

  beforeAll(async () => {
    mock = await startMockProvider({ aws, replyText: 'Hello from the mock provider.', streamChunks: 3 })
  })
  afterAll(() => mock.close())

  it('answers Converse for a correctly signed request with an encoded model id', async () => {
    const reply = await send(mock, path('converse'), converseBody)
    expect(reply.status).toBe(200)
    expect(JSON.parse(reply.body.toString())).toMatchObject({
      output: { message: { role: 'assistant', content: [{ text: 'Hello from the mock provider.' }] } },
      stopReason: 'end_turn',
      usage: { inputTokens: 5, outputTokens: 8, totalTokens: 13 },
    })
    expect(mock.requests.at(-1)).toMatchObject({ wire: 'bedrock', operation: 'converse' })
  })

  it('streams ConverseStream as event-stream frames in the documented order', async () => {
    const reply = await send(mock, path('converse-stream'), converseBody)
    expect(reply.headers['content-type']).toBe('application/vnd.amazon.eventstream')
    const frames = decodeFrames(reply.body)
    expect([...new Set(frames.map((frame) => frame.type))]).toEqual([
      'messageStart',
      'contentBlockDelta',
      'contentBlockStop',
      'messageStop',
      'metadata',
    ])
    const text = frames
      .filter((frame) => frame.type === 'contentBlockDelta')
      .map((frame) => (frame.payload.delta as { text: string }).text)
      .join('')
    expect(text).toBe('Hello from the mock provider.')
    expect(frames.at(-1)?.payload).toMatchObject({ usage: { inputTokens: 5, outputTokens: 8 } })
  })

  it('streams a tool use with contentBlockStart and input fragments', async () => {
    const toolConfig = {
      tools: [
        {
          toolSpec: {
            name: 'lookup',
            inputSchema: { json: { type: 'object', properties: { q: { type: 'string' } }, required: ['q'] } },
          },
        },
      ],
    }
    const frames = decodeFrames(
      (await send(mock, path('converse-stream'), { ...converseBody, toolConfig })).body,
    )
    expect(frames.find((frame) => frame.type === 'contentBlockStart')?.payload).toMatchObject({
      start: { toolUse: { name: 'lookup' } },
    })
    const input = frames
      .filter((frame) => frame.type === 'contentBlockDelta')
      .map((frame) => (frame.payload.delta as { toolUse: { input: string } }).toolUse.input)
      .join('')
    expect(JSON.parse(input)).toEqual({ q: 'example' })
    expect(frames.find((frame) => frame.type === 'messageStop')?.payload).toEqual({ stopReason: 'tool_use' })
  })

  it('reports cache write then read for a cachePoint prefix', async () => {
    const body = { ...converseBody, system: [{ text: 's'.repeat(400) }, { cachePoint: { type: 'default' } }] }
    const first = JSON.parse((await send(mock, path('converse'), body)).body.toString())
    const second = JSON.parse((await send(mock, path('converse'), body)).body.toString())
    expect(first.usage).toMatchObject({ cacheWriteInputTokens: 100, cacheReadInputTokens: 0 })
    expect(second.usage).toMatchObject({ cacheWriteInputTokens: 0, cacheReadInputTokens: 100 })
  })

  it('answers InvokeModel with an Anthropic message and token headers', async () => {
    const body = {
      anthropic_version: 'bedrock-2023-05-31',
      max_tokens: 50,
      messages: [{ role: 'user', content: 'hi' }],
    }
    const reply = await send(mock, path('invoke'), body)
    expect(JSON.parse(reply.body.toString())).toMatchObject({
      type: 'message',
      model: modelId,
      stop_reason: 'end_turn',
    })
    expect(reply.headers['x-amzn-bedrock-output-token-count']).toBe('8')
  })

  it('streams InvokeModelWithResponseStream as chunk frames of base64 Anthropic events', async () => {
    const body = {
      anthropic_version: 'bedrock-2023-05-31',
      max_tokens: 50,
      messages: [{ role: 'user', content: 'hi' }],
    }
    const frames = decodeFrames((await send(mock, path('invoke-with-response-stream'), body)).body)
    const events = frames.map((frame) =>
      JSON.parse(Buffer.from(frame.payload.bytes as string, 'base64').toString()),
    )
    expect(frames.every((frame) => frame.type === 'chunk')).toBe(true)
    expect(events[0].type).toBe('message_start')
    expect(events.at(-1)).toMatchObject({
      type: 'message_stop',
      'amazon-bedrock-invocationMetrics': { outputTokenCount: 8 },
    })
  })

  it('refuses a body without anthropic_version on InvokeModel', async () => {
    const reply = await send(mock, path('invoke'), { max_tokens: 5, messages: [] })
    expect(reply.status).toBe(400)
    expect(String(reply.headers['x-amzn-errortype'])).toMatch(/^ValidationException:/)
  })

  it('refuses a signature made with the wrong secret, an unknown key and a missing header', async () => {
    const wrong = await send(mock, path('converse'), converseBody, 'not-the-secret')
    expect(wrong.status).toBe(403)
    expect(String(wrong.headers['x-amzn-errortype'])).toMatch(/^InvalidSignatureException:/)
    expect(JSON.parse(wrong.body.toString()).message).toMatch(/signature we calculated does not match/)
    const unsigned = await rawPost(mock, path('converse'), JSON.stringify(converseBody), {
      'content-type': 'application/json',
    })
    expect(unsigned.status).toBe(403)
    expect(String(unsigned.headers['x-amzn-errortype'])).toMatch(/^MissingAuthenticationTokenException:/)
  })

  it('refuses a signed request whose body was changed after signing', async () => {
    const payload = JSON.stringify(converseBody)
    const signer = new SignatureV4({
      service: 'bedrock',
      region: 'us-east-1',
      credentials: aws,
      sha256: Sha256,
    })
    const signed = await signer.sign({
      method: 'POST',
      protocol: 'http:',
      hostname: '127.0.0.1',
      path: path('converse'),
      query: {},
      headers: { host: `127.0.0.1:${mock.port}`, 'content-type': 'application/json' },
      body: payload,
    })
    const tampered = await rawPost(mock, path('converse'), payload.replace('hello', 'HELLO'), signed.headers)
    expect(tampered.status).toBe(403)
  })

  it('answers an enqueued 429 as a ThrottlingException', async () => {
    mock.enqueue({ status: 429 })
    const reply = await send(mock, path('converse'), converseBody)
    expect(reply.status).toBe(429)
    expect(String(reply.headers['x-amzn-errortype'])).toMatch(/^ThrottlingException:/)
    expect(JSON.parse(reply.body.toString())).toEqual({
      message: 'Too many requests, please wait before trying again.',
    })
  })
})
