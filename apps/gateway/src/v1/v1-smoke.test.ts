import Anthropic from '@anthropic-ai/sdk'
import OpenAI from 'openai'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startStack, type TestStack } from '../test-utils/start-stack.js'

let stack: TestStack
let key: string

beforeAll(async () => {
  stack = await startStack()
  key = (await stack.createKey()).key
})
afterAll(() => stack?.close())

describe('the /v1 API through a virtual key', () => {
  it('serves a chat completion to the OpenAI SDK', async () => {
    const client = new OpenAI({ apiKey: key, baseURL: `${stack.gateway.url}/v1` })
    const { data, response } = await client.chat.completions
      .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hello' }] })
      .withResponse()
    expect(data.choices[0]?.message.content).toBe('Hello from the mock provider.')
    expect(response.headers.get('x-langwatch-provider')).toBe(stack.providers.openai)
    expect(response.headers.get('x-request-id')).toBeTruthy()
  })

  it('serves a message to the Anthropic SDK', async () => {
    const client = new Anthropic({ apiKey: key, baseURL: stack.gateway.url })
    const message = await client.messages.create({
      model: 'claude-sonnet-4-6',
      max_tokens: 64,
      messages: [{ role: 'user', content: 'Hello' }],
    })
    expect(message.content[0]).toMatchObject({ type: 'text', text: 'Hello from the mock provider.' })
  })
})
