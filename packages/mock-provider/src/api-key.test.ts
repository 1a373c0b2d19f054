import Anthropic from '@anthropic-ai/sdk'
import OpenAI, { AzureOpenAI } from 'openai'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startMockProvider } from './server.js'
import type { MockProvider } from './types.js'

const messages = [{ role: 'user' as const, content: 'hi' }]

describe('apiKey enforcement on the OpenAI, Azure and Anthropic wires', () => {
  let mock: MockProvider

  beforeAll(async () => {
    mock = await startMockProvider({ apiKey: 'right-key' })
  })
  afterAll(() => mock.close())

  it('accepts the OpenAI Bearer key and refuses a wrong one with invalid_api_key', async () => {
    const good = new OpenAI({ baseURL: `${mock.url}/v1`, apiKey: 'right-key', maxRetries: 0 })
    const bad = new OpenAI({ baseURL: `${mock.url}/v1`, apiKey: 'wrong-key', maxRetries: 0 })
    await expect(good.chat.completions.create({ model: 'gpt-4o', messages })).resolves.toMatchObject({
      object: 'chat.completion',
    })
    const error = await bad.chat.completions
      .create({ model: 'gpt-4o', messages })
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError)
    expect((error as InstanceType<typeof OpenAI.AuthenticationError>).code).toBe('invalid_api_key')
  })

  it('accepts Azure api-key with api-version on the deployment path', async () => {
    const azure = new AzureOpenAI({
      endpoint: mock.url,
      apiKey: 'right-key',
      apiVersion: '2024-10-21',
      deployment: 'my-gpt',
      maxRetries: 0,
    })
    const completion = await azure.chat.completions.create({ model: 'my-gpt', messages })
    expect(completion.model).toBe('my-gpt')
    expect(mock.requests.at(-1)).toMatchObject({
      wire: 'azure',
      path: '/openai/deployments/my-gpt/chat/completions',
      query: { 'api-version': '2024-10-21' },
    })
    const wrong = new AzureOpenAI({
      endpoint: mock.url,
      apiKey: 'nope',
      apiVersion: '2024-10-21',
      maxRetries: 0,
    })
    await expect(wrong.chat.completions.create({ model: 'my-gpt', messages })).rejects.toBeInstanceOf(
      OpenAI.AuthenticationError,
    )
  })

  it('refuses an Azure call without api-version as Azure does (404)', async () => {
    const response = await fetch(`${mock.url}/openai/deployments/my-gpt/chat/completions`, {
      method: 'POST',
      headers: { 'api-key': 'right-key' },
      body: JSON.stringify({ messages }),
    })
    expect(response.status).toBe(404)
  })

  it('accepts the Anthropic x-api-key and refuses a wrong one with authentication_error', async () => {
    const good = new Anthropic({ baseURL: mock.url, apiKey: 'right-key', maxRetries: 0 })
    const bad = new Anthropic({ baseURL: mock.url, apiKey: 'wrong-key', maxRetries: 0 })
    const params = { model: 'claude-sonnet-4-6', max_tokens: 5, messages }
    await expect(good.messages.create(params)).resolves.toMatchObject({ type: 'message' })
    const error = await bad.messages.create(params).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(Anthropic.AuthenticationError)
    expect((error as { error?: unknown }).error).toMatchObject({ error: { type: 'authentication_error' } })
  })
})
