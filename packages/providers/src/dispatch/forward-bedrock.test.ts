import type Anthropic from '@anthropic-ai/sdk'
import { type MockProvider, startMockProvider } from '@gw/mock-provider'
import type OpenAI from 'openai'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type ProxyHarness, sendRaw, waitFor } from '../../test-utils/proxy-harness.js'
import { json, type ScriptedUpstream, startScriptedUpstream } from '../../test-utils/scripted-upstream.js'
import { anthropicWeatherTool, chatWeatherTool, testAwsCredentials } from '../../test-utils/sdk-fixtures.js'
import {
  closeSdkHarness,
  onlyResult,
  resetSdkHarness,
  startSdkHarness,
} from '../../test-utils/sdk-harness.js'
import { createProviderClient, type ProviderClient } from '../client/create-provider-client.js'
import type { BedrockProviderConfig, ProviderConfig } from '../spec/provider-config.js'

const claude = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0'
const nova = 'amazon.nova-pro-v1:0'

let mock: MockProvider
let client: ProviderClient
let harness: ProxyHarness
let openai: OpenAI
let anthropic: Anthropic

function bedrock(id: string, baseUrl: string, extra: Partial<BedrockProviderConfig['credentials']> = {}) {
  return {
    id,
    type: 'bedrock',
    baseUrl,
    credentials: {
      access_key: testAwsCredentials.accessKeyId,
      secret_key: testAwsCredentials.secretAccessKey,
      region: 'us-east-1',
      ...extra,
    },
  } satisfies ProviderConfig
}

beforeAll(async () => {
  mock = await startMockProvider({ replyText: 'Hello from Bedrock.', aws: testAwsCredentials })
  client = createProviderClient({
    providers: [
      bedrock('aws', mock.url, { session_token: 'FwoGZXIvYXdzEBY-session' }),
      {
        ...bedrock('aws-wrong', mock.url),
        credentials: { ...bedrock('x', '').credentials, secret_key: 'nope' },
      },
      { id: 'openai-1', type: 'openai', baseUrl: `${mock.url}/v1`, credentials: { api_key: 'sk' } },
    ],
    fallback: { chain: [{ provider: 'openai-1', model: 'gpt-4o-mini' }] },
  })
  ;({ harness, openai, anthropic } = await startSdkHarness(client))
})
afterEach(() => resetSdkHarness(mock, harness))
afterAll(() => closeSdkHarness(harness, client, mock))

const lastResult = () => onlyResult(harness)

describe('Bedrock provider', () => {
  it('answers client.chat through Converse, SigV4-signed with the session token, with usage and cost', async () => {
    const { body, meta } = await client.chat({
      model: `aws/${claude}`,
      messages: [{ role: 'user', content: 'Hi' }],
    })
    expect((body.choices as { message: { content: string } }[])[0]?.message.content).toBe(
      'Hello from Bedrock.',
    )
    expect(body.model).toBe(`aws/${claude}`)
    const sent = mock.requests[0]
    expect(sent?.path).toBe('/model/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0/converse')
    expect(sent?.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/bedrock\//,
    )
    expect(sent?.headers['x-amz-security-token']).toBe('FwoGZXIvYXdzEBY-session')
    expect(meta).toMatchObject({ providerId: 'aws', status: 200, fallbackCount: 0 })
    expect(meta.usage?.inputTokens).toBeGreaterThan(0)
    expect(meta.costMicroUsd).toBeGreaterThan(0)
  })

  it('serves the official OpenAI SDK with tools, non-streaming', async () => {
    const completion = await openai.chat.completions.create({
      model: `aws/${nova}`,
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
      tools: [chatWeatherTool],
      tool_choice: 'auto',
    })
    expect(completion.choices[0]?.finish_reason).toBe('tool_calls')
    const call = completion.choices[0]?.message.tool_calls?.[0]
    expect(call?.type === 'function' && call.function.name).toBe('get_weather')
    expect(call?.type === 'function' && JSON.parse(call.function.arguments)).toEqual({ city: 'example' })
    const sent = JSON.parse(mock.requests[0]?.body.toString() ?? '{}')
    expect(sent.toolConfig.tools[0].toolSpec.name).toBe('get_weather')
    expect(mock.requests[0]?.path).toBe('/model/amazon.nova-pro-v1%3A0/converse')
  })

  it('serves the official OpenAI SDK with tools over ConverseStream (AWS event-stream frames → SSE)', async () => {
    const stream = await openai.chat.completions.create({
      model: `aws/${nova}`,
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
      tools: [chatWeatherTool],
      stream: true,
      stream_options: { include_usage: true },
    })
    let args = ''
    let name = ''
    let finish: string | null | undefined
    let usage: OpenAI.CompletionUsage | null | undefined
    for await (const chunk of stream) {
      name += chunk.choices[0]?.delta.tool_calls?.[0]?.function?.name ?? ''
      args += chunk.choices[0]?.delta.tool_calls?.[0]?.function?.arguments ?? ''
      finish = chunk.choices[0]?.finish_reason ?? finish
      usage = chunk.usage ?? usage
    }
    expect({ name, args: JSON.parse(args), finish }).toEqual({
      name: 'get_weather',
      args: { city: 'example' },
      finish: 'tool_calls',
    })
    expect(usage?.prompt_tokens).toBeGreaterThan(0)
    expect(mock.requests[0]?.path).toBe('/model/amazon.nova-pro-v1%3A0/converse-stream')
    const result = await lastResult()
    expect(result).toMatchObject({ streamed: true, streamError: undefined })
    expect(result?.usage?.outputTokens).toBeGreaterThan(0)
  })

  it('streams plain text to an OpenAI client over ConverseStream', async () => {
    const stream = await openai.chat.completions.create({
      model: `aws/${claude}`,
      messages: [{ role: 'user', content: 'Hi' }],
      stream: true,
    })
    let text = ''
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? ''
    expect(text).toBe('Hello from Bedrock.')
  })

  it('keeps Anthropic clients on Claude near passthrough with InvokeModel, tools included', async () => {
    const message = await anthropic.messages.create(
      {
        model: `aws/${claude}`,
        max_tokens: 256,
        messages: [{ role: 'user', content: 'Weather in Paris?' }],
        tools: [anthropicWeatherTool],
      },
      { headers: { 'anthropic-beta': 'token-efficient-tools-2025-02-19' } },
    )
    expect(message.stop_reason).toBe('tool_use')
    const block = message.content.find((item) => item.type === 'tool_use')
    expect(block?.type === 'tool_use' && block.input).toEqual({ city: 'example' })
    const sent = mock.requests[0]
    expect(sent?.path).toBe('/model/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0/invoke')
    const body = JSON.parse(sent?.body.toString() ?? '{}')
    expect(body).toMatchObject({
      anthropic_version: 'bedrock-2023-05-31',
      anthropic_beta: ['token-efficient-tools-2025-02-19'],
      max_tokens: 256,
      tools: [anthropicWeatherTool],
    })
    expect(body.model).toBeUndefined()
    const result = await lastResult()
    expect(result?.usage?.inputTokens).toBe(message.usage.input_tokens)
  })

  it('streams Anthropic events from InvokeModelWithResponseStream frames, tools included', async () => {
    const stream = anthropic.messages.stream({
      model: `aws/${claude}`,
      max_tokens: 256,
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
      tools: [anthropicWeatherTool],
    })
    const message = await stream.finalMessage()
    expect(message.stop_reason).toBe('tool_use')
    const block = message.content.find((item) => item.type === 'tool_use')
    expect(block?.type === 'tool_use' && block.input).toEqual({ city: 'example' })
    expect(mock.requests[0]?.path).toBe(
      '/model/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0/invoke-with-response-stream',
    )
    expect(JSON.parse(mock.requests[0]?.body.toString() ?? '{}').stream).toBeUndefined()
    const result = await lastResult()
    expect(result).toMatchObject({ streamed: true, streamError: undefined })
    expect(result?.usage?.outputTokens).toBe(message.usage.output_tokens)
  })

  it('translates Anthropic clients on non-Anthropic models to ConverseStream', async () => {
    const stream = anthropic.messages.stream({
      model: `aws/${nova}`,
      max_tokens: 256,
      messages: [{ role: 'user', content: 'Hi' }],
    })
    expect(await stream.finalText()).toBe('Hello from Bedrock.')
    expect(mock.requests[0]?.path).toBe('/model/amazon.nova-pro-v1%3A0/converse-stream')
  })

  it('ends a ConverseStream carrying an exception with an error the OpenAI SDK throws', async () => {
    mock.enqueue({ streamErrorAfterChunks: 2 })
    const stream = await openai.chat.completions.create({
      model: `aws/${nova}`,
      messages: [{ role: 'user', content: 'Hi' }],
      stream: true,
    })
    const drain = async () => {
      for await (const _chunk of stream);
    }
    await expect(drain()).rejects.toThrow()
    const result = await lastResult()
    expect(result?.streamError).toEqual(expect.any(String))
  })

  it('ends an InvokeModel stream cut mid-way with an error the Anthropic SDK throws', async () => {
    mock.enqueue({ failAfterChunks: 2 })
    const stream = anthropic.messages.stream({
      model: `aws/${claude}`,
      max_tokens: 64,
      messages: [{ role: 'user', content: 'Hi' }],
    })
    await expect(stream.finalMessage()).rejects.toThrow()
    const result = await lastResult()
    expect(result?.streamError).toEqual(expect.stringContaining('broke off'))
  })

  it('counts tokens with a signed Bedrock CountTokens call', async () => {
    const response = await sendRaw(harness.url, {
      path: '/v1/messages/count_tokens',
      body: JSON.stringify({ model: `aws/${claude}`, messages: [{ role: 'user', content: 'Hi' }] }),
    })
    expect(response.status).toBe(200)
    expect(JSON.parse(response.body.toString('utf8'))).toEqual({ input_tokens: expect.any(Number) })
    expect(mock.requests.map((request) => request.operation)).toEqual(['count-tokens'])
  })

  it('embeds with Titan, one signed InvokeModel call per input, for the OpenAI SDK', async () => {
    const response = await openai.embeddings.create({
      model: 'aws/amazon.titan-embed-text-v2:0',
      input: ['alpha', 'beta', 'gamma', 'delta', 'epsilon'],
      dimensions: 4,
    })
    expect(response.data.map((item) => item.index)).toEqual([0, 1, 2, 3, 4])
    expect(response.data[0]?.embedding).toHaveLength(4)
    expect(mock.requests).toHaveLength(5)
    expect(new Set(mock.requests.map((request) => request.path))).toEqual(
      new Set(['/model/amazon.titan-embed-text-v2%3A0/invoke']),
    )
    const texts = mock.requests.map((request) => JSON.parse(request.body.toString()).inputText).sort()
    expect(texts).toEqual(['alpha', 'beta', 'delta', 'epsilon', 'gamma'])
    const result = await lastResult()
    expect(result?.usage?.inputTokens).toBe(response.usage.prompt_tokens)
    expect(result?.costMicroUsd).toBeGreaterThan(0)
  })

  it('falls back to the next provider when Bedrock throttles (429 ThrottlingException)', async () => {
    mock.enqueue({ status: 429 })
    const completion = await openai.chat.completions.create({
      model: `aws/${claude}`,
      messages: [{ role: 'user', content: 'Hi' }],
    })
    expect(completion.choices[0]?.message.content).toBe('Hello from Bedrock.')
    const result = await lastResult()
    expect(result).toMatchObject({ providerId: 'openai-1', fallbackCount: 1 })
    expect(result?.records.map((record) => [record.providerId, record.status])).toEqual([
      ['aws', 429],
      ['openai-1', 200],
    ])
    expect(mock.requests.map((request) => request.wire)).toEqual(['bedrock', 'openai'])
  })

  it('maps ModelErrorException (424) to 502 and falls back', async () => {
    mock.enqueue({ status: 424 })
    await client.chat({ model: `aws/${claude}`, messages: [{ role: 'user', content: 'Hi' }] })
    await waitFor(() => mock.requests.length === 2)
    expect(mock.requests.map((request) => request.wire)).toEqual(['bedrock', 'openai'])
  })

  it('returns a ValidationException as 400 in the client envelope without falling back', async () => {
    mock.enqueue({ status: 400 })
    const message = anthropic.messages.create({
      model: `aws/${claude}`,
      max_tokens: 16,
      messages: [{ role: 'user', content: 'Hi' }],
    })
    await expect(message).rejects.toMatchObject({ status: 400 })
    expect(mock.requests).toHaveLength(1)
  })

  it('reports a signature Bedrock refuses as 401 without falling back', async () => {
    const response = await sendRaw(harness.url, {
      path: '/v1/chat/completions',
      body: JSON.stringify({ model: `aws-wrong/${claude}`, messages: [{ role: 'user', content: 'Hi' }] }),
    })
    expect(response.status).toBe(401)
    expect(JSON.parse(response.body.toString()).error).toMatchObject({
      type: 'authentication_error',
      code: 'InvalidSignatureException',
    })
    expect(mock.requests).toHaveLength(1)
  })
})

describe('Bedrock Cohere embeddings', () => {
  let upstream: ScriptedUpstream
  let cohereClient: ProviderClient

  beforeAll(async () => {
    upstream = await startScriptedUpstream((response, _request, record) => {
      const texts = JSON.parse(record.body.toString()).texts as string[]
      json(200, { embeddings: texts.map(() => [0.6, 0.8]) }, { 'x-amzn-bedrock-input-token-count': '7' })(
        response,
        _request,
        record,
      )
    })
    cohereClient = createProviderClient({ providers: [bedrock('aws', upstream.url)] })
  })
  afterAll(async () => {
    await cohereClient.close()
    await upstream.close()
  })

  it('sends batches of at most 96 texts and joins the vectors in order', async () => {
    const input = Array.from({ length: 200 }, (_, index) => `doc ${index}`)
    const { body, meta } = await cohereClient.chat(
      { model: 'cohere.embed-english-v3', input },
      { api: 'openai-embeddings' },
    )
    const batches = upstream.requests.map((request) => JSON.parse(request.body.toString()).texts.length)
    expect(batches.sort((a, b) => b - a)).toEqual([96, 96, 8])
    expect(upstream.requests[0]?.url).toBe('/model/cohere.embed-english-v3/invoke')
    expect(upstream.requests[0]?.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 /)
    expect((body.data as unknown[]).length).toBe(200)
    expect(meta.usage?.inputTokens).toBe(21)
  })
})
