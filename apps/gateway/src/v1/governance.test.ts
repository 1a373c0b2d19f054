// End to end with the official SDKs: policy rules, guardrails (pre, post, stream) and cache control,
// through a virtual key, the gateway and the mock provider, asserting what the provider saw.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import Anthropic from '@anthropic-ai/sdk'
import OpenAI from 'openai'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startStack, type TestStack } from '../test-utils/start-stack.js'

let stack: TestStack
let webhook: Server
let webhookUrl: string

beforeAll(async () => {
  stack = await startStack({
    gatewayEnv: { GATEWAY_GUARDRAILS_PRE_TIMEOUT: '150', GATEWAY_GUARDRAILS_STREAM_WINDOW_CHARS: '16' },
  })
  // A webhook evaluator that takes 1 s to answer "allow".
  webhook = createServer((_request, response) => {
    setTimeout(() => response.end(JSON.stringify({ decision: 'allow' })), 1_000)
  })
  await new Promise<void>((resolve) => webhook.listen(0, '127.0.0.1', resolve))
  webhookUrl = `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/check`
})
afterAll(async () => {
  webhook?.closeAllConnections()
  webhook?.close()
  await stack?.close()
})

const openaiFor = (key: string) =>
  new OpenAI({ apiKey: key, baseURL: `${stack.gateway.url}/v1`, maxRetries: 0 })
const anthropicFor = (key: string) =>
  new Anthropic({ apiKey: key, baseURL: stack.gateway.url, maxRetries: 0 })
const lastMockBody = () => JSON.parse(stack.mock.requests.at(-1)!.body.toString('utf8'))
const user = (content: string) => [{ role: 'user' as const, content }]

async function keyWithGuardrail(guardrail: Record<string, unknown>, directions?: string[]): Promise<string> {
  const { id, key } = await stack.createKey()
  const created = await stack.admin.request<{ id: string }>('POST', '/guardrails', {
    organization_id: stack.organizationId,
    name: `g-${Math.random().toString(36).slice(2, 10)}`,
    ...guardrail,
  })
  await stack.admin.request('POST', `/guardrails/${created.id}/attachments`, {
    virtual_key_id: id,
    ...(directions === undefined ? {} : { directions }),
  })
  return key
}

async function expectApiError(promise: Promise<unknown>) {
  const error = (await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  )) as { status?: number; error?: Record<string, unknown> } | undefined
  if (error === undefined) throw new Error('expected the call to fail')
  return error
}

describe('policy rules', () => {
  it('refuses a denied tool with 403 policy_violation naming the rule, pattern and value', async () => {
    const { key } = await stack.createKey({ policy_rules: { tools: { deny: ['^shell_'] } } })
    const sent = stack.mock.requests.length
    const error = await expectApiError(
      openaiFor(key).chat.completions.create({
        model: 'gpt-4o-mini',
        messages: user('list files'),
        tools: [{ type: 'function', function: { name: 'shell_exec', parameters: { type: 'object' } } }],
      }),
    )
    expect(error.status).toBe(403)
    expect(error.error).toMatchObject({
      code: 'policy_violation',
      meta: { rule: 'tools', list: 'deny', pattern: '^shell_', value: 'shell_exec' },
    })
    expect(stack.mock.requests.length).toBe(sent)
  })

  it('refuses a URL in the message text and an MCP server off the allow-list', async () => {
    const { key } = await stack.createKey({
      policy_rules: { urls: { deny: ['^https?://([^/]*\\.)?evil\\.test'] }, mcp: { allow: ['^github$'] } },
    })
    const url = await expectApiError(
      openaiFor(key).chat.completions.create({
        model: 'gpt-4o-mini',
        messages: user('summarise https://www.evil.test/x'),
      }),
    )
    expect(url.error).toMatchObject({
      code: 'policy_violation',
      meta: { rule: 'urls', value: 'https://www.evil.test/x' },
    })
    const mcp = await fetch(`${stack.gateway.url}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': key, 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({
        model: 'claude-haiku-4-5',
        max_tokens: 10,
        messages: user('hi'),
        mcp_servers: [{ type: 'url', name: 'random', url: 'https://mcp.random.test/sse' }],
      }),
    })
    expect(mcp.status).toBe(403)
    expect(((await mcp.json()) as { error: { message: string } }).error.message).toMatch(
      /^policy_violation: The mcp policy/,
    )
  })

  it('refuses a denied model by its requested or resolved name', async () => {
    const { key } = await stack.createKey({ policy_rules: { models: { deny: ['^openai/gpt-4o$'] } } })
    const error = await expectApiError(
      openaiFor(key).chat.completions.create({ model: 'gpt-4o', messages: user('hi') }),
    )
    expect(error.error).toMatchObject({
      code: 'policy_violation',
      meta: { rule: 'models', value: 'openai/gpt-4o' },
    })
    const allowed = await openaiFor(key).chat.completions.create({
      model: 'gpt-4o-mini',
      messages: user('hi'),
    })
    expect(allowed.choices[0]?.message.content).toBe('Hello from the mock provider.')
  })
})

describe('guardrails', () => {
  it('redacts PII in what reaches the provider and in what the client receives', async () => {
    const key = await keyWithGuardrail({ evaluator: 'pii', directions: ['pre', 'post'], settings: {} })
    stack.mock.enqueue({ replyText: 'Reach Bob at bob@corp.example or 123-45-6789.' })
    const { data, response } = await openaiFor(key)
      .chat.completions.create({
        model: 'gpt-4o-mini',
        messages: user('I am jo@example.com, card 4111 1111 1111 1111'),
      })
      .withResponse()
    expect(lastMockBody().messages[0].content).toBe('I am [EMAIL], card [CREDIT_CARD]')
    expect(data.choices[0]?.message.content).toBe('Reach Bob at [EMAIL] or [US_SSN].')
    expect(response.headers.get('x-langwatch-guardrails-modified')).toMatch(/^gr_\w+,gr_\w+$/)
  })

  it('blocks a request with 403 guardrail_blocked in the Anthropic envelope on /v1/messages', async () => {
    const key = await keyWithGuardrail({
      evaluator: 'regex',
      directions: ['pre'],
      settings: { patterns: ['drop table'] },
    })
    const error = await expectApiError(
      anthropicFor(key).messages.create({
        model: 'claude-haiku-4-5',
        max_tokens: 20,
        messages: user('please drop table users'),
      }),
    )
    expect(error.status).toBe(403)
    expect((error.error as { error: { message: string } }).error.message).toMatch(
      /^guardrail_blocked: Guardrail gr_/,
    )
  })

  it('ends a stream blocked mid-way with the wire error event, after only checked text', async () => {
    const key = await keyWithGuardrail({
      evaluator: 'regex',
      directions: ['stream_chunk'],
      settings: { patterns: ['forbidden'] },
    })
    const reply =
      'The first part of the answer is fine. Then comes the forbidden word, and more text after it.'
    stack.mock.enqueue({ replyText: reply })
    const stream = await openaiFor(key).chat.completions.create({
      model: 'gpt-4o-mini',
      messages: user('go'),
      stream: true,
    })
    let text = ''
    const error = await expectApiError(
      (async () => {
        for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? ''
      })(),
    )
    expect(String((error as unknown as Error).message)).toMatch(
      /^Guardrail gr_\w+ blocked the stream_chunk: matched pattern forbidden/,
    )
    expect(text.length).toBeGreaterThan(0)
    expect(text).not.toContain('forbidden')
    expect(reply.startsWith(text)).toBe(true)

    stack.mock.enqueue({ replyText: reply })
    const anthropicStream = anthropicFor(key).messages.stream({
      model: 'claude-haiku-4-5',
      max_tokens: 200,
      messages: user('go'),
    })
    const anthropicError = await expectApiError(anthropicStream.finalMessage())
    expect(String((anthropicError as unknown as Error).message)).toContain('guardrail_blocked')
  })

  it('lets a stream without a match through whole', async () => {
    const key = await keyWithGuardrail({
      evaluator: 'regex',
      directions: ['stream_chunk'],
      settings: { patterns: ['forbidden'] },
    })
    const stream = await openaiFor(key).chat.completions.create({
      model: 'gpt-4o-mini',
      messages: user('go'),
      stream: true,
    })
    let text = ''
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? ''
    expect(text).toBe('Hello from the mock provider.')
  })

  it('continues past a slow fail_open webhook and refuses with 503 behind a slow fail_closed one', async () => {
    const open = await keyWithGuardrail({
      evaluator: 'http',
      directions: ['pre'],
      failure_mode: 'fail_open',
      settings: { url: webhookUrl },
    })
    const answer = await openaiFor(open).chat.completions.create({
      model: 'gpt-4o-mini',
      messages: user('hi'),
    })
    expect(answer.choices[0]?.message.content).toBe('Hello from the mock provider.')
    expect(stack.gateway.logs.find('guardrail_failed_open')).toEqual([
      expect.objectContaining({ direction: 'request', guardrail_ids: [expect.stringMatching(/^gr_/)] }),
    ])
    const closed = await keyWithGuardrail({
      evaluator: 'http',
      directions: ['pre'],
      failure_mode: 'fail_closed',
      settings: { url: webhookUrl },
    })
    const started = Date.now()
    const error = await expectApiError(
      openaiFor(closed).chat.completions.create({ model: 'gpt-4o-mini', messages: user('hi') }),
    )
    expect(Date.now() - started).toBeLessThan(900)
    expect(error.status).toBe(503)
    expect(error.error).toMatchObject({
      code: 'guardrail_upstream_unavailable',
      meta: { reason: 'timed out after 150 ms' },
    })
  })
})

describe('cache control', () => {
  const body = {
    model: 'claude-haiku-4-5',
    max_tokens: 20,
    system: [
      { type: 'text', text: 'long system prompt', cache_control: { type: 'ephemeral' } },
      { type: 'text', text: 'second block' },
    ],
    tools: [
      { name: 'a', input_schema: { type: 'object' } },
      { name: 'b', input_schema: { type: 'object' } },
    ],
    messages: [
      { role: 'user', content: [{ type: 'text', text: 'question', cache_control: { type: 'ephemeral' } }] },
    ],
  }
  const send = async (key: string, mode?: string) =>
    fetch(`${stack.gateway.url}/v1/messages`, {
      method: 'POST',
      headers: {
        'x-api-key': key,
        'content-type': 'application/json',
        'anthropic-version': '2023-06-01',
        ...(mode === undefined ? {} : { 'x-langwatch-cache': mode }),
      },
      body: JSON.stringify(body),
    })
  const markers = (sent: Record<string, unknown>) =>
    JSON.stringify(sent).match(/"cache_control"/g)?.length ?? 0

  it('passes markers byte for byte by default, with no cache-mode header for a key without rules', async () => {
    const { key } = await stack.createKey()
    const response = await send(key)
    expect(response.status).toBe(200)
    expect(response.headers.get('x-langwatch-cache-mode')).toBeNull()
    expect(stack.mock.requests.at(-1)!.body.toString('utf8')).toBe(JSON.stringify(body))
  })

  it('disable strips every marker; force marks the last system block, tool and user block', async () => {
    const { key } = await stack.createKey()
    const disabled = await send(key, 'disable')
    expect(disabled.headers.get('x-langwatch-cache-mode')).toBe('disable')
    expect(markers(lastMockBody())).toBe(0)
    const forced = await send(key, 'force')
    expect(forced.headers.get('x-langwatch-cache-mode')).toBe('force')
    const seen = lastMockBody()
    expect(markers(seen)).toBe(3)
    expect(seen.system[1].cache_control).toEqual({ type: 'ephemeral' })
    expect(seen.tools[1].cache_control).toEqual({ type: 'ephemeral' })
    expect(seen.messages[0].content[0].cache_control).toEqual({ type: 'ephemeral' })
  })

  it('refuses an unknown X-LangWatch-Cache value with 400', async () => {
    const { key } = await stack.createKey()
    const response = await send(key, 'sometimes')
    expect(response.status).toBe(400)
  })
})
