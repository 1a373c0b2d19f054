// Cross-shape fidelity end to end (issue 14): the official SDKs through a virtual key and the gateway,
// the Anthropic SDK on an OpenAI model and the OpenAI SDK on a Claude model, as the clients see it.
import Anthropic from '@anthropic-ai/sdk'
import OpenAI from 'openai'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startStack, type TestStack } from '../test-utils/start-stack.js'

let stack: TestStack
let openai: OpenAI
let anthropic: Anthropic

beforeAll(async () => {
  stack = await startStack()
  const key = (await stack.createKey()).key
  openai = new OpenAI({ apiKey: key, baseURL: `${stack.gateway.url}/v1`, maxRetries: 0 })
  anthropic = new Anthropic({ apiKey: key, baseURL: stack.gateway.url, maxRetries: 0 })
})
afterAll(() => stack?.close())

const gpt = 'gpt-4o-mini'
const claude = 'claude-haiku-4-5'
const lastMockBody = () => JSON.parse(stack.mock.requests.at(-1)!.body.toString('utf8'))

// Claude Code 2.x: top-level system blocks, then environment context as `system` entries in messages.
const claudeCodeBody = {
  model: gpt,
  max_tokens: 256,
  system: [{ type: 'text' as const, text: 'You are Claude Code, an interactive CLI.' }],
  messages: [
    { role: 'system', content: '<env>Working directory: /repo\nPlatform: linux</env>' },
    { role: 'user' as const, content: 'List the TypeScript files.' },
    { role: 'assistant' as const, content: 'Looking now.' },
    {
      role: 'system',
      content: [{ type: 'text', text: '<system-reminder>Branch changed.</system-reminder>' }],
    },
    { role: 'user' as const, content: 'Go on.' },
  ] as unknown as Anthropic.MessageParam[],
}

describe('the Anthropic SDK on an OpenAI model', () => {
  it('sends a Claude Code request with system entries in messages as system messages, never user turns', async () => {
    const message = await anthropic.messages.create(claudeCodeBody)
    expect(message.content[0]).toMatchObject({ type: 'text' })
    const sent = lastMockBody()
    expect(sent.messages.map((entry: { role: string }) => entry.role)).toEqual([
      'system',
      'user',
      'assistant',
      'system',
      'user',
    ])
    expect(sent.messages[0].content).toContain('Working directory: /repo')
    expect(sent.messages[3].content).toBe('<system-reminder>Branch changed.</system-reminder>')
  })

  it("exposes the gateway's request id as _request_id", async () => {
    const body = { model: gpt, max_tokens: 32, messages: [{ role: 'user' as const, content: 'Hi' }] }
    const { response } = await anthropic.messages.create(body).withResponse()
    expect(response.headers.get('x-request-id')).toMatch(/^req_/)
    expect(response.headers.get('request-id')).toBe(response.headers.get('x-request-id'))
    const message = await anthropic.messages.create(body)
    expect(message._request_id).toMatch(/^req_[0-9A-Z]{26}$/)
  })

  it('streams an input-token estimate in message_start and the exact usage in message_delta', async () => {
    const stream = anthropic.messages.stream(claudeCodeBody)
    const events: Anthropic.MessageStreamEvent[] = []
    stream.on('streamEvent', (event) => events.push(structuredClone(event)))
    await stream.finalMessage()
    const start = events.find((event) => event.type === 'message_start')
    const delta = events.find((event) => event.type === 'message_delta')
    const estimate = start?.type === 'message_start' ? start.message.usage.input_tokens : 0
    expect(estimate).toBeGreaterThan(20)
    expect(delta?.type === 'message_delta' && delta.usage).toMatchObject({
      input_tokens: expect.any(Number),
      output_tokens: 8,
    })
  })

  it('counts tokens locally for an OpenAI model without calling the provider', async () => {
    const before = stack.mock.requests.length
    const counted = await anthropic.messages.countTokens({
      model: gpt,
      messages: [{ role: 'user', content: 'How many tokens is this?' }],
    })
    expect(counted.input_tokens).toBeGreaterThan(3)
    expect(stack.mock.requests.length).toBe(before)
  })

  it('answers an unknown model with 404 not_found_error', async () => {
    const failure = await anthropic.messages
      .create({ model: 'no-such-model-anywhere', max_tokens: 8, messages: [{ role: 'user', content: 'Hi' }] })
      .catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(Anthropic.NotFoundError)
    expect(failure).toMatchObject({ status: 404, error: { error: { type: 'not_found_error' } } })
    expect((failure as Error).message).not.toMatch(/mp_/)
  })

  it("keeps Anthropic's contract on an OpenAI model: no max_tokens is Anthropic's 400", async () => {
    const before = stack.mock.requests.length
    const failure = await anthropic.messages
      .create({
        model: gpt,
        messages: [{ role: 'user', content: 'Hi' }],
      } as unknown as Anthropic.MessageCreateParamsNonStreaming)
      .catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(Anthropic.BadRequestError)
    expect(failure).toMatchObject({
      error: {
        type: 'error',
        error: {
          type: 'invalid_request_error',
          message: expect.stringContaining('max_tokens: Field required'),
        },
      },
    })
    expect(stack.mock.requests.length).toBe(before)
  })
})

describe('the OpenAI SDK on a Claude model', () => {
  it("answers with the gateway's x-request-id and keeps mid-conversation system messages as system", async () => {
    const { response } = await openai.chat.completions
      .create({
        model: claude,
        messages: [
          { role: 'system', content: 'Be terse.' },
          { role: 'user', content: 'Hi' },
          { role: 'assistant', content: 'Hello.' },
          { role: 'developer', content: 'Now answer in French.' },
          { role: 'user', content: 'Again' },
        ],
      })
      .withResponse()
    // The gateway's id (req_ + ULID), not the provider's (the mock's are req_mock_…).
    expect(response.headers.get('x-request-id')).toMatch(/^req_[0-9A-Z]{26}$/)
    // Anthropic has only a top-level system: both instructions land there, none becomes a user turn.
    const sent = lastMockBody()
    expect(JSON.stringify(sent.system)).toContain('Now answer in French.')
    expect(JSON.stringify(sent.messages)).not.toContain('Now answer in French.')
  })

  it('exposes the gateway request id as _request_id on a translated completion', async () => {
    const completion = await openai.chat.completions.create({
      model: claude,
      messages: [{ role: 'user', content: 'Hi' }],
    })
    expect(completion._request_id).toMatch(/^req_[0-9A-Z]{26}$/)
  })

  it('answers an unknown model with 404 model_not_found', async () => {
    const failure = await openai.chat.completions
      .create({ model: 'no-such-model-anywhere', messages: [{ role: 'user', content: 'Hi' }] })
      .catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(OpenAI.NotFoundError)
    expect(failure).toMatchObject({ status: 404, code: 'model_not_found', type: 'invalid_request_error' })
  })

  it("keeps OpenAI's contract on a Claude model: a wrong type is OpenAI's 400 invalid_type", async () => {
    const failure = await openai.chat.completions
      .create({ model: claude, messages: 'Hi' } as unknown as OpenAI.ChatCompletionCreateParamsNonStreaming)
      .catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(OpenAI.BadRequestError)
    expect(failure).toMatchObject({ code: 'invalid_type', param: undefined })
    expect((failure as Error).message).toContain("Invalid type for 'messages'")
  })
})
