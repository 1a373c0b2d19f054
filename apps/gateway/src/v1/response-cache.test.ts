// End to end over HTTP: the exact response cache — hits byte-identical on one wire and translated
// across wires, streams replayed, errors and broken streams never stored, budgets untouched by hits.

import { redisUnavailableReason, startTestRedis, type TestRedis } from '@gw/budget/testing'
import type { CacheRule } from '@gw/contract'
import type { MemoryResponseStore } from '@gw/response-cache'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { StackGateway } from '../test-utils/start-stack.js'
import { startStack, type TestStack } from '../test-utils/start-stack.js'
import { bearer, postV1, type RawAnswer } from '../test-utils/v1-http.js'

const use = { 'x-langwatch-response-cache': 'use' }
let counter = 0
/** A question no other test asks, so each test starts with a cold cache. */
const question = () => `Question ${++counter} at ${Date.now()}`
const chat = (content: string, extra: Record<string, unknown> = {}) => ({
  model: 'gpt-4o-mini',
  max_tokens: 32,
  messages: [{ role: 'user', content }],
  ...extra,
})
const sseData = (answer: RawAnswer) =>
  answer.text
    .split('\n')
    .filter((line) => line.startsWith('data: ') && line !== 'data: [DONE]')
    .map((line) => JSON.parse(line.slice(6)) as Record<string, unknown>)
const chatStreamText = (answer: RawAnswer) =>
  sseData(answer)
    .map((chunk) => {
      const choices = chunk.choices as Array<{ delta?: { content?: string } }> | undefined
      return choices?.[0]?.delta?.content ?? ''
    })
    .join('')

describe('response cache', () => {
  let stack: TestStack
  let key: string
  beforeAll(async () => {
    stack = await startStack({ gatewayEnv: { GATEWAY_RESPONSE_CACHE_MAX_BYTES: '20000' } })
    key = (await stack.createKey()).key
  })
  afterAll(() => stack?.close())
  beforeEach(() => stack.mock.reset())

  it('answers a repeated request from the cache, byte for byte, with hit and Age', async () => {
    const body = chat(question())
    const first = await postV1(stack.gateway.url, '/v1/chat/completions', body, { ...bearer(key), ...use })
    const second = await postV1(stack.gateway.url, '/v1/chat/completions', body, { ...bearer(key), ...use })
    expect(first.status).toBe(200)
    expect(first.headers.get('x-langwatch-response-cache')).toBe('miss')
    expect(second.status).toBe(200)
    expect(second.headers.get('x-langwatch-response-cache')).toBe('hit')
    expect(Number(second.headers.get('age'))).toBeGreaterThanOrEqual(0)
    expect(second.text).toBe(first.text)
    expect(second.headers.get('x-request-id')).not.toBe(first.headers.get('x-request-id'))
    expect(stack.mock.requests).toHaveLength(1)
  })

  it('serves an Anthropic Messages client from an answer cached for an OpenAI Chat client', async () => {
    const content = question()
    const first = await postV1(stack.gateway.url, '/v1/chat/completions', chat(content), {
      ...bearer(key),
      ...use,
    })
    const second = await postV1(stack.gateway.url, '/v1/messages', chat(content), {
      ...bearer(key),
      ...use,
      'anthropic-version': '2023-06-01',
    })
    expect(second.status).toBe(200)
    expect(second.headers.get('x-langwatch-response-cache')).toBe('hit')
    const message = second.json()
    expect(message.type).toBe('message')
    const text = (first.json().choices as Array<{ message: { content: string } }>)[0]!.message.content
    expect(message.content).toEqual([{ type: 'text', text }])
    expect(stack.mock.requests).toHaveLength(1)
  })

  it('replays a stream byte for byte on its wire and as Anthropic events on the other', async () => {
    const content = question()
    const body = chat(content, { stream: true })
    const first = await postV1(stack.gateway.url, '/v1/chat/completions', body, { ...bearer(key), ...use })
    const second = await postV1(stack.gateway.url, '/v1/chat/completions', body, { ...bearer(key), ...use })
    expect(first.headers.get('content-type')).toMatch(/^text\/event-stream/)
    expect(second.headers.get('x-langwatch-response-cache')).toBe('hit')
    expect(second.headers.get('content-type')).toBe(first.headers.get('content-type'))
    expect(second.text).toBe(first.text)
    expect(second.text.split('\n\n').length).toBeGreaterThan(3)
    const anthropic = await postV1(stack.gateway.url, '/v1/messages', body, {
      ...bearer(key),
      ...use,
      'anthropic-version': '2023-06-01',
    })
    expect(anthropic.headers.get('x-langwatch-response-cache')).toBe('hit')
    expect(anthropic.text).toContain('event: message_start')
    expect(anthropic.text).toContain('event: message_stop')
    const deltas = sseData(anthropic)
      .filter((event) => event.type === 'content_block_delta')
      .map((event) => (event.delta as { text: string }).text)
    expect(deltas.join('')).toBe(chatStreamText(first))
    expect(stack.mock.requests).toHaveLength(1)
  })

  it('never stores an error answer, a stream cut short or a stream ended by an error event', async () => {
    for (const model of [
      'openai/mock-error-400',
      'openai/mock-fail-after-2',
      'openai/mock-stream-error-after-2',
    ]) {
      const body = { ...chat(question()), model, stream: model !== 'openai/mock-error-400' }
      const first = await postV1(stack.gateway.url, '/v1/chat/completions', body, { ...bearer(key), ...use })
      const second = await postV1(stack.gateway.url, '/v1/chat/completions', body, { ...bearer(key), ...use })
      if (model === 'openai/mock-error-400') expect(first.status).toBe(400)
      expect(second.headers.get('x-langwatch-response-cache')).toBe('miss')
    }
    expect(stack.mock.requests).toHaveLength(6)
  })

  it('stays off for a key without cache rules unless asked, and bypass and refresh skip the lookup', async () => {
    const body = chat(question())
    const plain = await postV1(stack.gateway.url, '/v1/chat/completions', body, bearer(key))
    expect(plain.headers.get('x-langwatch-response-cache')).toBeNull()
    await postV1(stack.gateway.url, '/v1/chat/completions', body, { ...bearer(key), ...use })
    const bypass = await postV1(stack.gateway.url, '/v1/chat/completions', body, {
      ...bearer(key),
      'x-langwatch-response-cache': 'bypass',
    })
    expect(bypass.headers.get('x-langwatch-response-cache')).toBeNull()
    const refresh = await postV1(stack.gateway.url, '/v1/chat/completions', body, {
      ...bearer(key),
      'x-langwatch-response-cache': 'refresh',
    })
    expect(refresh.headers.get('x-langwatch-response-cache')).toBe('refresh')
    expect(stack.mock.requests).toHaveLength(4)
    const hit = await postV1(stack.gateway.url, '/v1/chat/completions', body, { ...bearer(key), ...use })
    expect(hit.text).toBe(refresh.text)
  })

  it('turns on for a key whose cache rule (mode cache) matches the model, without any header', async () => {
    const { key: ruled } = await stack.createKey()
    await postV1(stack.gateway.url, '/v1/chat/completions', chat(question()), bearer(ruled))
    // Set on the cached key config directly (cache-rules-admin.test.ts sets them via the admin API).
    const cached = stack.services.cache.peek(ruled)!
    const rules: CacheRule[] = [
      { id: 'mini', priority: 1, matchers: { model: 'gpt-4o-mini' }, action: { mode: 'cache', ttl: 60 } },
    ]
    Object.assign(cached.config, { cache_rules: rules })
    const body = chat(question())
    const first = await postV1(stack.gateway.url, '/v1/chat/completions', body, bearer(ruled))
    const second = await postV1(stack.gateway.url, '/v1/chat/completions', body, bearer(ruled))
    expect(first.headers.get('x-langwatch-response-cache')).toBe('miss')
    expect(second.headers.get('x-langwatch-response-cache')).toBe('hit')
    const otherModel = { ...chat(question()), model: 'gpt-4o' }
    const unmatched = await postV1(stack.gateway.url, '/v1/chat/completions', otherModel, bearer(ruled))
    expect(unmatched.headers.get('x-langwatch-response-cache')).toBeNull()
    const bypass = await postV1(stack.gateway.url, '/v1/chat/completions', body, {
      ...bearer(ruled),
      'x-langwatch-response-cache': 'bypass',
    })
    expect(bypass.headers.get('x-langwatch-response-cache')).toBeNull()
    expect(stack.mock.requests).toHaveLength(4)
  })

  it('refuses an unknown header value with 400 bad_request', async () => {
    const answer = await postV1(stack.gateway.url, '/v1/chat/completions', chat(question()), {
      ...bearer(key),
      'x-langwatch-response-cache': 'sometimes',
    })
    expect(answer.status).toBe(400)
    expect((answer.json().error as { code: string }).code).toBe('bad_request')
  })

  it('keeps entries of one project from another', async () => {
    const other = await stack.createProject()
    const otherKey = (await other.createKey()).key
    const body = chat(question())
    await postV1(stack.gateway.url, '/v1/chat/completions', body, { ...bearer(key), ...use })
    const elsewhere = await postV1(stack.gateway.url, '/v1/chat/completions', body, {
      ...bearer(otherKey),
      ...use,
    })
    expect(elsewhere.headers.get('x-langwatch-response-cache')).toBe('miss')
  })

  it('stays within GATEWAY_RESPONSE_CACHE_MAX_BYTES, evicting the oldest entries', async () => {
    const store = stack.services.responseCache.store as MemoryResponseStore
    const bodies = Array.from({ length: 40 }, () => chat(question()))
    for (const body of bodies)
      await postV1(stack.gateway.url, '/v1/chat/completions', body, { ...bearer(key), ...use })
    expect(store.bytes).toBeLessThanOrEqual(20_000)
    expect(store.size).toBeGreaterThan(0)
    const oldest = await postV1(stack.gateway.url, '/v1/chat/completions', bodies[0]!, {
      ...bearer(key),
      ...use,
    })
    const newest = await postV1(stack.gateway.url, '/v1/chat/completions', bodies[39]!, {
      ...bearer(key),
      ...use,
    })
    expect(oldest.headers.get('x-langwatch-response-cache')).toBe('miss')
    expect(newest.headers.get('x-langwatch-response-cache')).toBe('hit')
  })

  it('charges nothing for a hit: budget unchanged, spend record says cache_hit', async () => {
    const { id, key: budgeted } = await stack.createKey()
    const budget = await stack.admin.request<{ id: string }>('POST', '/budgets', {
      scope: 'virtual_key',
      scope_id: id,
      window: 'month',
      limit_usd: 1,
    })
    const append = vi.spyOn(stack.services.budgets.spool, 'appendEncoded')
    const spent = async () => {
      await stack.services.budgets.spool.shipNow()
      return (await stack.admin.request<{ spent_micro_usd: number }>('GET', `/budgets/${budget.id}`))
        .spent_micro_usd
    }
    const body = chat(question())
    await postV1(stack.gateway.url, '/v1/chat/completions', body, { ...bearer(budgeted), ...use })
    await expect.poll(spent, { timeout: 10_000, interval: 200 }).toBeGreaterThan(0)
    const afterMiss = await spent()
    const hit = await postV1(stack.gateway.url, '/v1/chat/completions', body, { ...bearer(budgeted), ...use })
    expect(hit.headers.get('x-langwatch-response-cache')).toBe('hit')
    const confirmedSoFar = () =>
      append.mock.calls
        .filter(([command]) => command === 'confirmSpend')
        .map(([, payload]) => JSON.parse(payload) as Record<string, unknown>)
    // The gateway appends the confirm after it wrote the answer; nothing promises the client
    // sees it appended first.
    await expect.poll(() => confirmedSoFar().at(-1)?.cache_hit, { timeout: 10_000, interval: 50 }).toBe(true)
    const confirmed = confirmedSoFar()
    append.mockRestore()
    expect(confirmed.at(-1)).toMatchObject({ cache_hit: true, cost_micro_usd: 0 })
    expect(confirmed.at(-1)).not.toHaveProperty('usage')
    expect(confirmed.slice(0, -1).some((payload) => 'cache_hit' in payload)).toBe(false)
    expect(await spent()).toBe(afterMiss)
  })
})

const redisMissing = redisUnavailableReason()

describe.skipIf(redisMissing !== null)(
  `response cache shared by replicas through Redis${redisMissing === null ? '' : ` (skipped: ${redisMissing})`}`,
  () => {
    let redis: TestRedis
    let stack: TestStack
    let second: StackGateway
    beforeAll(async () => {
      redis = await startTestRedis()
      stack = await startStack({ gatewayEnv: { GATEWAY_REDIS_URL: redis.url } })
      second = await stack.startGateway({ GATEWAY_REDIS_URL: redis.url })
    })
    afterAll(async () => {
      await second?.close()
      await stack?.close()
      await redis?.stop()
    })

    it('serves from a second gateway what the first one stored, streams included', async () => {
      const { key } = await stack.createKey()
      for (const stream of [false, true]) {
        stack.mock.reset()
        const body = chat(question(), { stream })
        const first = await postV1(stack.gateway.url, '/v1/chat/completions', body, {
          ...bearer(key),
          ...use,
        })
        expect(first.headers.get('x-langwatch-response-cache')).toBe('miss')
        // The first gateway wrote the entry before it ended its response.
        const answer = await postV1(second.gateway.url, '/v1/chat/completions', body, {
          ...bearer(key),
          ...use,
        })
        expect(answer.headers.get('x-langwatch-response-cache')).toBe('hit')
        expect(answer.text).toBe(first.text)
        expect(stack.mock.requests).toHaveLength(1)
      }
      expect(stack.services.responseCache.kind).toBe('redis')
    })

    it('answers (a miss, not an error) while Redis is down', async () => {
      const { key } = await stack.createKey()
      const other = await startTestRedis()
      const isolated = await stack.startGateway({ GATEWAY_REDIS_URL: other.url })
      await other.stop()
      const answer = await postV1(isolated.gateway.url, '/v1/chat/completions', chat(question()), {
        ...bearer(key),
        ...use,
      })
      await isolated.close()
      expect(answer.status).toBe(200)
      expect(answer.headers.get('x-langwatch-response-cache')).toBe('miss')
    })
  },
)
