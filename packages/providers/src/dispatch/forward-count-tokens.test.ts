// Anthropic count_tokens through every provider kind: native, the clouds' count endpoints, a local tokenizer.
import type Anthropic from '@anthropic-ai/sdk'
import { type MockProvider, startMockProvider } from '@gw/mock-provider'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { ProxyHarness } from '../../test-utils/proxy-harness.js'
import { createTestServiceAccount, testAwsCredentials } from '../../test-utils/sdk-fixtures.js'
import { closeSdkHarness, resetSdkHarness, startSdkHarness } from '../../test-utils/sdk-harness.js'
import { createProviderClient, type ProviderClient } from '../client/create-provider-client.js'
import { countPromptTokens } from '../count-tokens/count-prompt-tokens.js'

let mock: MockProvider
let client: ProviderClient
let harness: ProxyHarness
let anthropic: Anthropic

beforeAll(async () => {
  const { publicKeyPem, serviceAccountFor } = createTestServiceAccount()
  mock = await startMockProvider({ aws: testAwsCredentials, vertexPublicKey: publicKeyPem })
  client = createProviderClient({
    providers: [
      { id: 'openai', type: 'openai', baseUrl: `${mock.url}/v1`, credentials: { api_key: 'sk' } },
      { id: 'anthropic', type: 'anthropic', baseUrl: mock.url, credentials: { api_key: 'sk-ant' } },
      { id: 'gemini', type: 'gemini', baseUrl: mock.url, credentials: { api_key: 'AIza-test' } },
      {
        id: 'gcp',
        type: 'vertex',
        baseUrl: mock.url,
        credentials: {
          project_id: 'p',
          region: 'us-east5',
          auth_credentials: serviceAccountFor(`${mock.url}/token`),
        },
      },
      {
        id: 'aws',
        type: 'bedrock',
        baseUrl: mock.url,
        credentials: {
          access_key: testAwsCredentials.accessKeyId,
          secret_key: testAwsCredentials.secretAccessKey,
          region: 'us-east-1',
        },
      },
    ],
  })
  ;({ harness, anthropic } = await startSdkHarness(client))
})
afterEach(() => resetSdkHarness(mock, harness))
afterAll(() => closeSdkHarness(harness, client, mock))

const prompt = {
  system: 'You are a terse assistant.',
  messages: [{ role: 'user' as const, content: 'How many tokens is this sentence, roughly?' }],
}
const lastCall = () => mock.requests.filter((request) => request.wire !== 'oauth').at(-1)
const lastBody = () => JSON.parse(lastCall()!.body.toString('utf8'))

describe('count_tokens on every provider', () => {
  it('passes through to Anthropic', async () => {
    const { input_tokens } = await anthropic.messages.countTokens({ model: 'claude-haiku-4-5', ...prompt })
    expect(input_tokens).toBeGreaterThan(0)
    expect(lastCall()?.path).toBe('/v1/messages/count_tokens')
  })

  it('counts locally with o200k for OpenAI models, calling no provider', async () => {
    const { input_tokens } = await anthropic.messages.countTokens({ model: 'gpt-4o-mini', ...prompt })
    expect(input_tokens).toBe(await countPromptTokens(prompt, 'gpt-4o-mini'))
    expect(mock.requests).toHaveLength(0)
  })

  it('asks Gemini countTokens with a whole generateContentRequest', async () => {
    const { input_tokens } = await anthropic.messages.countTokens({ model: 'gemini-2.5-flash', ...prompt })
    expect(input_tokens).toBeGreaterThan(0)
    expect(lastCall()?.path).toBe('/v1beta/models/gemini-2.5-flash:countTokens')
    const request = lastBody().generateContentRequest
    expect(request.model).toBe('models/gemini-2.5-flash')
    expect(request.systemInstruction.parts[0].text).toBe('You are a terse assistant.')
  })

  it('asks Vertex countTokens for Gemini and count-tokens:rawPredict for Claude', async () => {
    const gemini = await anthropic.messages.countTokens({ model: 'gcp/gemini-2.5-pro', ...prompt })
    expect(gemini.input_tokens).toBeGreaterThan(0)
    expect(lastCall()?.path).toBe(
      '/v1/projects/p/locations/us-east5/publishers/google/models/gemini-2.5-pro:countTokens',
    )
    const claude = await anthropic.messages.countTokens({
      model: 'gcp/claude-sonnet-4-5@20250929',
      ...prompt,
    })
    expect(claude.input_tokens).toBeGreaterThan(0)
    expect(lastCall()?.path).toBe(
      '/v1/projects/p/locations/us-east5/publishers/anthropic/models/count-tokens:rawPredict',
    )
    expect(lastBody().model).toBe('claude-sonnet-4-5@20250929')
  })

  it('asks Bedrock CountTokens with an InvokeModel body for Claude and a Converse input otherwise', async () => {
    const claude = await anthropic.messages.countTokens({
      model: 'aws/anthropic.claude-haiku-4-5-20251001-v1:0',
      ...prompt,
    })
    expect(claude.input_tokens).toBeGreaterThan(0)
    expect(lastCall()?.path).toBe('/model/anthropic.claude-haiku-4-5-20251001-v1%3A0/count-tokens')
    const invoke = JSON.parse(lastBody().input.invokeModel.body)
    expect(invoke).toMatchObject({ anthropic_version: 'bedrock-2023-05-31', system: prompt.system })
    const nova = await anthropic.messages.countTokens({ model: 'aws/amazon.nova-pro-v1:0', ...prompt })
    expect(nova.input_tokens).toBeGreaterThan(0)
    expect(lastBody().input.converse.system).toEqual([{ text: 'You are a terse assistant.' }])
  })

  it("answers a provider's count error in Anthropic's envelope with its status", async () => {
    mock.enqueue({ status: 429 })
    const failure = await anthropic.messages
      .countTokens({ model: 'gemini-2.5-flash', ...prompt })
      .catch((error: unknown) => error)
    expect(failure).toMatchObject({
      status: 429,
      error: { type: 'error', error: { type: 'rate_limit_error' } },
    })
  })
})
