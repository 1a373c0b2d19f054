import type Anthropic from '@anthropic-ai/sdk'
import { type MockProvider, startMockProvider } from '@gw/mock-provider'
import type OpenAI from 'openai'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type ProxyHarness, waitFor } from '../../test-utils/proxy-harness.js'
import {
  anthropicWeatherTool,
  chatWeatherTool,
  createTestServiceAccount,
} from '../../test-utils/sdk-fixtures.js'
import { startSdkHarness } from '../../test-utils/sdk-harness.js'
import { createProviderClient, type ProviderClient } from '../client/create-provider-client.js'

const claude = 'claude-sonnet-4-5@20250929'

let mock: MockProvider
let client: ProviderClient
let harness: ProxyHarness
let openai: OpenAI
let anthropic: Anthropic

beforeAll(async () => {
  const { publicKeyPem, serviceAccountFor } = createTestServiceAccount()
  mock = await startMockProvider({ replyText: 'Hello from Vertex.', vertexPublicKey: publicKeyPem })
  const serviceAccount = serviceAccountFor(`${mock.url}/token`)
  client = createProviderClient({
    providers: [
      {
        id: 'gcp',
        type: 'vertex',
        baseUrl: mock.url,
        credentials: { project_id: 'test-project', region: 'us-east5', auth_credentials: serviceAccount },
      },
    ],
  })
  ;({ harness, openai, anthropic } = await startSdkHarness(client))
})
afterEach(() => {
  harness.results.length = 0
})
afterAll(async () => {
  await harness.close()
  await client.close()
  await mock.close()
})

const modelCalls = () => mock.requests.filter((request) => request.wire === 'vertex')
const tokenCalls = () => mock.requests.filter((request) => request.wire === 'oauth')

describe('Vertex provider', () => {
  it('answers Gemini models through publishers/google with a service-account token, usage and cost', async () => {
    mock.reset()
    const { body, meta } = await client.chat({
      model: 'gemini-2.5-pro',
      messages: [{ role: 'user', content: 'Hi' }],
    })
    expect((body.choices as { message: { content: string } }[])[0]?.message.content).toBe(
      'Hello from Vertex.',
    )
    expect(modelCalls()[0]?.path).toBe(
      '/v1/projects/test-project/locations/us-east5/publishers/google/models/gemini-2.5-pro:generateContent',
    )
    expect(modelCalls()[0]?.headers.authorization).toMatch(/^Bearer /)
    expect(tokenCalls()).toHaveLength(1)
    expect(meta).toMatchObject({ providerId: 'gcp', status: 200 })
    expect(meta.costMicroUsd).toBeGreaterThan(0)
  })

  it('streams Gemini to the OpenAI SDK with tools, reusing the cached token', async () => {
    mock.reset()
    const stream = await openai.chat.completions.create({
      model: 'gemini-2.5-pro',
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
      tools: [chatWeatherTool],
      stream: true,
    })
    let args = ''
    for await (const chunk of stream)
      args += chunk.choices[0]?.delta.tool_calls?.[0]?.function?.arguments ?? ''
    expect(JSON.parse(args)).toEqual({ city: 'example' })
    expect(modelCalls()[0]?.path).toMatch(/:streamGenerateContent$/)
    expect(modelCalls()[0]?.query).toEqual({ alt: 'sse' })
    expect(tokenCalls()).toHaveLength(0)
  })

  it('keeps Anthropic clients on Claude near passthrough with rawPredict, tools included', async () => {
    mock.reset()
    const message = await anthropic.messages.create({
      model: claude,
      max_tokens: 256,
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
      tools: [anthropicWeatherTool],
    })
    expect(message.stop_reason).toBe('tool_use')
    const block = message.content.find((item) => item.type === 'tool_use')
    expect(block?.type === 'tool_use' && block.input).toEqual({ city: 'example' })
    const sent = modelCalls()[0]
    expect(sent?.path).toBe(
      '/v1/projects/test-project/locations/us-east5/publishers/anthropic/models/claude-sonnet-4-5@20250929:rawPredict',
    )
    const body = JSON.parse(sent?.body.toString() ?? '{}')
    expect(body).toMatchObject({ anthropic_version: 'vertex-2023-10-16', max_tokens: 256 })
    expect(body.model).toBeUndefined()
  })

  it('streams Claude to the Anthropic SDK with streamRawPredict, usage observed', async () => {
    mock.reset()
    const stream = anthropic.messages.stream({
      model: claude,
      max_tokens: 256,
      messages: [{ role: 'user', content: 'Hi' }],
    })
    expect(await stream.finalText()).toBe('Hello from Vertex.')
    expect(modelCalls()[0]?.path).toMatch(/:streamRawPredict$/)
    await waitFor(() => harness.results.length === 1)
    expect(harness.results[0]?.usage?.outputTokens).toBeGreaterThan(0)
  })

  it('translates OpenAI clients to Anthropic bodies for Claude on Vertex', async () => {
    mock.reset()
    const completion = await openai.chat.completions.create({
      model: `gcp/${claude}`,
      messages: [{ role: 'user', content: 'Hi' }],
    })
    expect(completion.choices[0]?.message.content).toBe('Hello from Vertex.')
    const body = JSON.parse(modelCalls()[0]?.body.toString() ?? '{}')
    expect(body).toMatchObject({ anthropic_version: 'vertex-2023-10-16', max_tokens: 4096 })
    expect(body.model).toBeUndefined()
  })

  it('streams Claude on Vertex to the OpenAI SDK through streamRawPredict, with usage', async () => {
    mock.reset()
    const stream = await openai.chat.completions.create({
      model: `gcp/${claude}`,
      messages: [{ role: 'user', content: 'Hi' }],
      stream: true,
      stream_options: { include_usage: true },
    })
    let text = ''
    let usage: OpenAI.CompletionUsage | null | undefined
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? ''
      usage = chunk.usage ?? usage
    }
    expect(text).toBe('Hello from Vertex.')
    expect(usage?.completion_tokens).toBeGreaterThan(0)
    expect(modelCalls()[0]?.path).toMatch(/:streamRawPredict$/)
    expect(JSON.parse(modelCalls()[0]?.body.toString() ?? '{}').stream).toBe(true)
  })

  it('drops a token Vertex refuses and retries once with a fresh one', async () => {
    mock.reset()
    mock.enqueue({ status: 401 })
    const { meta } = await client.chat({
      model: 'gemini-2.5-pro',
      messages: [{ role: 'user', content: 'Hi' }],
    })
    expect(meta).toMatchObject({ status: 200, attempts: 1 })
    expect(modelCalls()).toHaveLength(2)
    expect(tokenCalls()).toHaveLength(1)
  })

  it('returns a second 401 to the client instead of looping', async () => {
    mock.reset()
    mock.enqueue({ status: 401 }, { status: 401 })
    await expect(
      client.chat({ model: 'gemini-2.5-pro', messages: [{ role: 'user', content: 'Hi' }] }),
    ).rejects.toMatchObject({ status: 401 })
    expect(modelCalls()).toHaveLength(2)
  })

  it('embeds with Vertex text-embedding :predict for the OpenAI SDK, with its token counts', async () => {
    mock.reset()
    const response = await openai.embeddings.create({
      model: 'gcp/text-embedding-005',
      input: ['alpha', 'beta gamma'],
      dimensions: 4,
    })
    expect(response.data.map((item) => item.embedding.length)).toEqual([4, 4])
    expect(response.usage.prompt_tokens).toBe(2 + 3)
    const calls = modelCalls()
    expect(calls.map((call) => call.path)).toEqual([
      '/v1/projects/test-project/locations/us-east5/publishers/google/models/text-embedding-005:predict',
    ])
    expect(JSON.parse(calls[0]!.body.toString('utf8'))).toEqual({
      instances: [{ content: 'alpha' }, { content: 'beta gamma' }],
      parameters: { outputDimensionality: 4 },
    })
  })
})
