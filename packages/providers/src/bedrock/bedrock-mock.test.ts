import type { MockProvider } from '@gw/mock-provider'
import { startMockProvider } from '@gw/mock-provider'
import { request } from 'undici'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { CanonicalRequest, CanonicalStreamPart } from '../canonical/types.js'
import { createAnthropicStreamDecoder } from '../translate/anthropic-messages/decode-stream.js'
import {
  decodeBedrockEmbeddingResponses,
  encodeBedrockEmbeddingRequests,
} from '../translate/bedrock-converse/embeddings.js'
import { bedrockErrorType } from '../translate/bedrock-converse/errors.js'
import { bedrockConverseCodec } from '../translate/bedrock-converse/index.js'
import { type BedrockOperation, bedrockModelPath } from './endpoint.js'
import { createEventStreamDecoder, loadEventStreamCodec } from './event-stream-decoder.js'
import { decodeInvokeStreamEvent, encodeBedrockAnthropicBody } from './invoke-anthropic.js'
import { type AwsCredentials, createBedrockSigner, signBedrockRequest } from './sign-request.js'

const credentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
}
const claude = 'us.anthropic.claude-3-7-sonnet-20250219-v1:0'
const canonical: CanonicalRequest = {
  messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
  extra: {},
}

describe('Bedrock against the mock provider', () => {
  let mock: MockProvider

  beforeAll(async () => {
    await loadEventStreamCodec()
    mock = await startMockProvider({ aws: credentials, streamChunks: 3, replyText: 'Hello there, friend.' })
  })
  beforeEach(() => mock.reset())
  afterAll(() => mock.close())

  async function send(
    operation: BedrockOperation,
    body: object,
    options: { model?: string; creds?: AwsCredentials } = {},
  ) {
    const url = `${mock.url}${bedrockModelPath(options.model ?? claude, operation)}`
    const payload = JSON.stringify(body)
    const headers = await signBedrockRequest({
      region: 'us-east-1',
      credentials: options.creds ?? credentials,
      method: 'POST',
      url,
      headers: { 'content-type': 'application/json' },
      body: payload,
    })
    return request(url, { method: 'POST', headers, body: payload })
  }

  async function frames(body: AsyncIterable<Uint8Array>) {
    const decoder = createEventStreamDecoder()
    const messages = []
    for await (const chunk of body) messages.push(...decoder.push(chunk))
    decoder.end()
    return messages
  }

  const converseBody = (request: CanonicalRequest = canonical) =>
    bedrockConverseCodec.encodeRequest(request, {
      model: claude,
      defaultMaxTokens: 1024,
      reasoningModel: true,
      drop: () => undefined,
    })

  it('sends a SigV4-signed Converse request the mock verifies, with the model id encoded in the path', async () => {
    const response = await send('converse', converseBody())
    expect(response.statusCode).toBe(200)
    expect(mock.requests[0]?.path).toBe('/model/us.anthropic.claude-3-7-sonnet-20250219-v1%3A0/converse')
    const decoded = bedrockConverseCodec.decodeResponse(
      (await response.body.json()) as Record<string, unknown>,
    )
    expect(decoded.content).toEqual([{ type: 'text', text: 'Hello there, friend.' }])
    expect(decoded.finishReason).toBe('stop')
    expect(decoded.usage.outputTokens).toBeGreaterThan(0)
  })

  it('is refused with 403 InvalidSignatureException when signed with a wrong secret', async () => {
    const response = await send('converse', converseBody(), {
      creds: { ...credentials, secretAccessKey: 'wrong' },
    })
    expect(response.statusCode).toBe(403)
    const type = bedrockErrorType(String(response.headers['x-amzn-errortype']))
    expect(type).toBe('InvalidSignatureException')
    const error = bedrockConverseCodec.decodeError(await response.body.json(), 403, type)
    expect(error).toMatchObject({
      errorType: 'authentication_error',
      message: expect.stringContaining('signature'),
    })
  })

  it('signs temporary credentials with their session token, reusing one signer', async () => {
    const signer = createBedrockSigner({
      region: 'us-west-2',
      credentials: { ...credentials, sessionToken: 'FwoGZXIvYXdzEBY' },
    })
    const url = `${mock.url}${bedrockModelPath('amazon.titan-embed-text-v2:0', 'invoke')}`
    const openai = { model: 'titan', input: ['alpha', 'beta'], dimensions: 4 }
    const bodies = []
    for (const body of encodeBedrockEmbeddingRequests(openai, 'amazon.titan-embed-text-v2:0')) {
      const payload = JSON.stringify(body)
      const headers = await signer.sign({
        method: 'POST',
        url,
        headers: { 'content-type': 'application/json' },
        body: payload,
      })
      expect(headers['x-amz-security-token']).toBe('FwoGZXIvYXdzEBY')
      const response = await request(url, { method: 'POST', headers, body: payload })
      expect(response.statusCode).toBe(200)
      bodies.push(await response.body.json())
    }
    const embeddings = decodeBedrockEmbeddingResponses(bodies, {
      request: openai,
      model: 'amazon.titan-embed-text-v2:0',
    })
    expect(embeddings.data.map((item) => (item.embedding as number[]).length)).toEqual([4, 4])
    expect(embeddings.usage.prompt_tokens).toBeGreaterThan(0)
  })

  it('streams ConverseStream frames, split mid-frame over TCP, into canonical parts', async () => {
    mock.enqueue({ splitUtf8: true })
    const response = await send('converse-stream', converseBody())
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe('application/vnd.amazon.eventstream')
    const decoder = bedrockConverseCodec.createStreamDecoder()
    const parts: CanonicalStreamPart[] = []
    for (const message of await frames(response.body)) {
      parts.push(...decoder.pushEvent(message.eventType ?? message.exceptionType ?? '', message.payload))
    }
    parts.push(...decoder.end())
    const text = parts.flatMap((part) => (part.type === 'text-delta' ? [part.text] : [])).join('')
    expect(text).toBe('Grüße — 你好，世界 👋🏽 done.')
    expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: 'stop' })
  })

  it('streams a tool call with thinking, input arriving as partial JSON deltas', async () => {
    const body = converseBody({
      ...canonical,
      reasoning: { effort: 'low' },
      tools: [
        {
          name: 'get_weather',
          parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
        },
      ],
    })
    const response = await send('converse-stream', body)
    const decoder = bedrockConverseCodec.createStreamDecoder()
    const parts = (await frames(response.body)).flatMap((message) =>
      decoder.pushEvent(message.eventType ?? '', message.payload),
    )
    expect(parts.some((part) => part.type === 'reasoning-delta')).toBe(true)
    expect(parts.some((part) => part.type === 'reasoning-signature')).toBe(true)
    const args = parts.flatMap((part) => (part.type === 'tool-call-delta' ? [part.argumentsDelta] : []))
    expect(args.length).toBeGreaterThan(1)
    expect(JSON.parse(args.join(''))).toEqual({ city: 'example' })
    expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: 'tool_calls' })
  })

  it('turns an in-stream exception frame into an error part', async () => {
    mock.enqueue({ streamErrorAfterChunks: 2 })
    const response = await send('converse-stream', converseBody())
    const decoder = bedrockConverseCodec.createStreamDecoder()
    const parts = (await frames(response.body)).flatMap((message) =>
      decoder.pushEvent(message.eventType ?? message.exceptionType ?? '', message.payload),
    )
    expect(parts.at(-1)).toMatchObject({ type: 'error', status: 500, code: 'internalServerException' })
  })

  it('streams Anthropic Messages events out of InvokeModelWithResponseStream chunks', async () => {
    const body = encodeBedrockAnthropicBody({
      model: 'claude-3-7-sonnet',
      stream: true,
      max_tokens: 64,
      messages: [{ role: 'user', content: 'Hi' }],
    })
    const response = await send('invoke-with-response-stream', body)
    expect(response.statusCode).toBe(200)
    const events = (await frames(response.body)).flatMap((message) => decodeInvokeStreamEvent(message) ?? [])
    expect(events[0]?.event).toBe('message_start')
    expect(events.at(-1)?.event).toBe('message_stop')
    const decoder = createAnthropicStreamDecoder()
    const parts = events.flatMap((event) => decoder.push(event))
    const text = parts.flatMap((part) => (part.type === 'text-delta' ? [part.text] : [])).join('')
    expect(text).toBe('Hello there, friend.')
  })
})
