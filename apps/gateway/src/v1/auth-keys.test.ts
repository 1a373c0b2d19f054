// End to end: virtual keys through the real stack — refusals, key states, revocation propagation,
// single-flight resolution, no key in logs, and the models list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startStack, type TestStack } from '../test-utils/start-stack.js'
import {
  bearer,
  chatBody,
  getV1,
  messagesBody,
  pollUntil,
  postV1,
  type RawAnswer,
} from '../test-utils/v1-http.js'

let stack: TestStack
let gateway: string

beforeAll(async () => {
  stack = await startStack()
  gateway = stack.gateway.url
  await stack.catchUpChangeFeed()
})
afterAll(() => stack?.close())

const chat = (headers: Record<string, string>) => postV1(gateway, '/v1/chat/completions', chatBody(), headers)
const messages = (headers: Record<string, string>) => postV1(gateway, '/v1/messages', messagesBody(), headers)
const keyAction = (id: string, action: 'revoke' | 'disable' | 'enable') =>
  stack.admin.request('POST', `/virtual-keys/${id}/${action}`)
const errorCode = (answer: RawAnswer) => (answer.json().error as { code?: string } | undefined)?.code

/** A key whose expiry is set into the past after creation (creation refuses a past expiry). */
async function createExpiredKey(): Promise<{ id: string; key: string }> {
  const created = await stack.createKey()
  await stack.admin.request('PATCH', `/virtual-keys/${created.id}`, {
    expires_at: new Date(Date.now() - 60_000).toISOString(),
  })
  return created
}

describe('refused keys', () => {
  it('answers a missing, a malformed and an unknown well-formed key with the same 401 body', async () => {
    const unknown = `lw_vk_live_01J9ZK3V7Q8R2W5X6Y7Z8A9B0C${'a1B2c3D4e5'.repeat(3)}xy`
    const missing = await chat({})
    const malformed = await chat(bearer('sk-not-a-virtual-key'))
    const unknownAnswer = await chat(bearer(unknown))
    expect(missing.status).toBe(401)
    expect(errorCode(missing)).toBe('invalid_api_key')
    expect(malformed.status).toBe(401)
    expect(unknownAnswer.status).toBe(401)
    expect(malformed.text).toBe(missing.text)
    expect(unknownAnswer.text).toBe(missing.text)
  })

  it('accepts the key as Authorization Bearer, x-api-key and x-goog-api-key', async () => {
    const { key } = await stack.createKey()
    for (const headers of [bearer(key), { 'x-api-key': key }, { 'x-goog-api-key': key }]) {
      const answer = await chat(headers)
      expect(answer.status, JSON.stringify(headers).slice(0, 20)).toBe(200)
    }
  })

  it('refuses a key whose expiry is already past with 403 virtual_key_expired', async () => {
    const { key } = await createExpiredKey()
    const answer = await chat(bearer(key))
    expect(answer.status).toBe(403)
    expect(errorCode(answer)).toBe('virtual_key_expired')
  })

  it('serves a key until its expiry, then refuses it with 403 virtual_key_expired', async () => {
    const { key } = await stack.createKey({}, { expires_at: new Date(Date.now() + 2_000).toISOString() })
    expect((await chat(bearer(key))).status).toBe(200)
    const { value } = await pollUntil(
      () => chat(bearer(key)),
      (answer) => answer.status !== 200,
      { intervalMs: 200, timeoutMs: 6_000 },
    )
    expect(value.status).toBe(403)
    expect(errorCode(value)).toBe('virtual_key_expired')
  })

  it('answers key errors on /v1/messages in the Anthropic error shape', async () => {
    const revoked = await stack.createKey()
    const disabled = await stack.createKey()
    const expired = await createExpiredKey()
    await keyAction(revoked.id, 'revoke')
    await keyAction(disabled.id, 'disable')
    const cases = [
      { key: revoked.key, status: 403, type: 'permission_error', code: 'virtual_key_revoked' },
      { key: disabled.key, status: 403, type: 'permission_error', code: 'virtual_key_disabled' },
      { key: expired.key, status: 403, type: 'permission_error', code: 'virtual_key_expired' },
      { key: undefined, status: 401, type: 'authentication_error', code: 'invalid_api_key' },
    ]
    for (const { key, status, type, code } of cases) {
      const answer = await messages({
        'anthropic-version': '2023-06-01',
        ...(key === undefined ? {} : { 'x-api-key': key }),
      })
      expect(answer.status, code).toBe(status)
      expect(answer.json(), code).toEqual({
        type: 'error',
        error: { type, message: expect.stringContaining(code) },
      })
    }
  })
})

describe('key state changes reach a running gateway', () => {
  it('refuses a cached key within 5 s of its revocation (403 virtual_key_revoked)', async () => {
    const { id, key } = await stack.createKey()
    expect((await chat(bearer(key))).status).toBe(200)
    expect(stack.services.cache.peek(key)).toBeDefined()
    await keyAction(id, 'revoke')
    const { value, elapsedMs } = await pollUntil(
      () => chat(bearer(key)),
      (answer) => answer.status !== 200,
    )
    expect(value.status).toBe(403)
    expect(errorCode(value)).toBe('virtual_key_revoked')
    expect(elapsedMs).toBeLessThan(5_000)
  })

  it('refuses a disabled key with 403 virtual_key_disabled and serves it again once enabled', async () => {
    const { id, key } = await stack.createKey()
    expect((await chat(bearer(key))).status).toBe(200)
    await keyAction(id, 'disable')
    const disabled = await pollUntil(
      () => chat(bearer(key)),
      (answer) => answer.status !== 200,
    )
    expect(disabled.value.status).toBe(403)
    expect(errorCode(disabled.value)).toBe('virtual_key_disabled')
    await keyAction(id, 'enable')
    const enabled = await pollUntil(
      () => chat(bearer(key)),
      (answer) => answer.status === 200,
    )
    expect(enabled.value.status).toBe(200)
  })

  it('refuses the old secret of a rotated key and serves the new one', async () => {
    const { id, key } = await stack.createKey()
    expect((await chat(bearer(key))).status).toBe(200)
    const rotated = await stack.admin.request<{ key: string }>('POST', `/virtual-keys/${id}/rotate`, {
      grace_seconds: 0,
    })
    const { value } = await pollUntil(
      () => chat(bearer(key)),
      (answer) => answer.status !== 200,
    )
    expect(value.status).toBe(401)
    expect(errorCode(value)).toBe('invalid_api_key')
    expect((await chat(bearer(rotated.key))).status).toBe(200)
  })
})

describe('resolution', () => {
  it('resolves a new key once for 200 concurrent first requests', async () => {
    const { key } = await stack.createKey()
    const proxy = stack.controlPlaneProxy
    const resolvesBefore = proxy.count('POST /api/internal/gateway/resolve-key')
    const configsBefore = proxy.count('GET /api/internal/gateway/config/')
    const answers = await Promise.all(Array.from({ length: 200 }, () => chat(bearer(key))))
    expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 200))
    expect(proxy.count('POST /api/internal/gateway/resolve-key') - resolvesBefore).toBe(1)
    expect(proxy.count('GET /api/internal/gateway/config/') - configsBefore).toBe(1)
  })

  it('never writes a presented key to the logs, for served and refused requests alike', async () => {
    const served = await stack.createKey()
    const revoked = await stack.createKey()
    await keyAction(revoked.id, 'revoke')
    const unknown = `lw_vk_live_01J9ZK3V7Q8R2W5X6Y7Z8A9B0C${'Zz9Yy8Xx7W'.repeat(3)}qq`
    const malformed = 'sk-live-this-is-not-a-virtual-key-0123456789'
    await chat(bearer(served.key))
    await postV1(gateway, '/v1/chat/completions', '{"model":', bearer(served.key))
    await chat(bearer(revoked.key))
    await chat(bearer(unknown))
    await chat(bearer(malformed))
    await messages({ 'x-api-key': served.key })
    await getV1(gateway, '/v1/models', bearer(served.key))
    const logged = JSON.stringify(stack.gateway.logs.lines)
    expect(stack.gateway.logs.find('access').length).toBeGreaterThanOrEqual(7)
    for (const raw of [served.key, revoked.key, unknown, malformed]) {
      expect(logged).not.toContain(raw)
      expect(logged).not.toContain(raw.slice(-24))
    }
  })
})

describe('GET /v1/models', () => {
  it("lists the key's models in OpenAI's shape", async () => {
    const { key } = await stack.createKey()
    const answer = await getV1(gateway, '/v1/models', bearer(key))
    expect(answer.status).toBe(200)
    const body = answer.json() as { object: string; data: Array<Record<string, unknown>> }
    expect(body.object).toBe('list')
    const ids = body.data.map((model) => model.id)
    expect(ids).toEqual(expect.arrayContaining(['gpt-4o-mini', 'claude-haiku-4-5']))
    expect(body.data.find((model) => model.id === 'gpt-4o-mini')).toMatchObject({
      object: 'model',
      owned_by: stack.providers.openai,
      created: expect.any(Number),
    })
  })

  it('lists them in Anthropic shape when the client sends anthropic-version', async () => {
    const { key } = await stack.createKey()
    const answer = await getV1(gateway, '/v1/models', { 'x-api-key': key, 'anthropic-version': '2023-06-01' })
    expect(answer.status).toBe(200)
    const body = answer.json() as { data: Array<Record<string, unknown>>; has_more: boolean }
    expect(body.has_more).toBe(false)
    expect(body.data.find((model) => model.id === 'claude-haiku-4-5')).toMatchObject({
      type: 'model',
      display_name: 'claude-haiku-4-5',
      created_at: expect.any(String),
    })
  })

  it('honours models_allowed the way routing does, aliases included', async () => {
    const { key } = await stack.createKey({
      models_allowed: ['gpt-4o*', 'anthropic/claude-haiku-4-5'],
      model_aliases: { fast: 'openai/gpt-4o-mini', big: 'openai/gpt-4.1' },
    })
    const answer = await getV1(gateway, '/v1/models', bearer(key))
    const ids = (answer.json().data as Array<{ id: string }>).map((model) => model.id).sort()
    expect(ids).toEqual(['claude-haiku-4-5', 'fast', 'gpt-4o', 'gpt-4o-mini'])
    const listed = await messages({ 'x-api-key': key, 'anthropic-version': '2023-06-01' })
    expect(listed.status).toBe(200)
    expect((await postV1(gateway, '/v1/chat/completions', chatBody('fast'), bearer(key))).status).toBe(200)
    expect((await postV1(gateway, '/v1/chat/completions', chatBody('big'), bearer(key))).status).toBe(400)
  })

  it('refuses a missing key with the same 401 as the proxied routes', async () => {
    const answer = await getV1(gateway, '/v1/models')
    expect(answer.status).toBe(401)
    expect(answer.text).toBe((await chat({})).text)
  })
})
