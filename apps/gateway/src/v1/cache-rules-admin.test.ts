// End to end over HTTP: cache rules set through the control plane's admin API reach the gateway
// (on create, and on a patch through the change feed) and turn the response cache on; bad rules are refused.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { startStack, type TestStack } from '../test-utils/start-stack.js'
import { bearer, postV1 } from '../test-utils/v1-http.js'

let counter = 0
const chat = (model = 'gpt-4o-mini') => ({
  model,
  max_tokens: 16,
  messages: [{ role: 'user', content: `Admin rule question ${++counter} at ${Date.now()}` }],
})
const cacheRule = { id: 'mini', matchers: { model: 'gpt-4o-mini' }, action: { mode: 'cache', ttl: 60 } }

describe('cache rules from the admin API', () => {
  let stack: TestStack
  beforeAll(async () => {
    stack = await startStack()
    await stack.catchUpChangeFeed()
  })
  afterAll(() => stack?.close())

  /** POSTs a key to the admin API over HTTP and returns the raw answer. */
  const postKey = (config: unknown) =>
    fetch(`${stack.controlPlane.url}/api/admin/virtual-keys`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${stack.secrets.CONTROL_PLANE_ADMIN_TOKEN}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ project_id: stack.projectId, name: 'cache-rules', config }),
    })

  it('answers the second identical request from the cache for a key created with a rule of mode cache', async () => {
    const { key } = await stack.createKey({ cache_rules: [cacheRule] })
    const body = chat()
    const first = await postV1(stack.gateway.url, '/v1/chat/completions', body, bearer(key))
    const second = await postV1(stack.gateway.url, '/v1/chat/completions', body, bearer(key))
    expect(first.status).toBe(200)
    expect(first.headers.get('x-langwatch-response-cache')).toBe('miss')
    expect(second.headers.get('x-langwatch-response-cache')).toBe('hit')
    expect(second.text).toBe(first.text)
    const other = await postV1(stack.gateway.url, '/v1/chat/completions', chat('gpt-4o'), bearer(key))
    expect(other.headers.get('x-langwatch-response-cache')).toBeNull()
  })

  it('turns the cache on for a key already in use once a patch adds a rule (change feed)', async () => {
    const { id, key } = await stack.createKey()
    const body = chat()
    const before = await postV1(stack.gateway.url, '/v1/chat/completions', body, bearer(key))
    expect(before.headers.get('x-langwatch-response-cache')).toBeNull()
    await stack.admin.request('PATCH', `/virtual-keys/${id}`, { config: { cache_rules: [cacheRule] } })
    await vi.waitFor(
      () => {
        // The feed evicts the key; its next request resolves the patched config.
        if (stack.services.cache.peek(key) !== undefined)
          throw new Error('the change feed has not evicted the patched key yet')
      },
      { timeout: 10_000, interval: 50 },
    )
    const first = await postV1(stack.gateway.url, '/v1/chat/completions', body, bearer(key))
    const second = await postV1(stack.gateway.url, '/v1/chat/completions', body, bearer(key))
    expect(first.headers.get('x-langwatch-response-cache')).toBe('miss')
    expect(second.headers.get('x-langwatch-response-cache')).toBe('hit')
  })

  it.each([
    [[{ id: 'x', action: { mode: 'sometimes' } }], 'config.cache_rules.0.action.mode'],
    [[{ id: 'x', action: { mode: 'cache', ttl: -5 } }], 'config.cache_rules.0.action.ttl'],
    [
      [{ id: 'x', matchers: { modle: 'gpt-*' }, action: { mode: 'cache' } }],
      'config.cache_rules.0.matchers.modle',
    ],
    [[cacheRule, { ...cacheRule, action: { mode: 'disable' } }], 'config.cache_rules.1.id'],
  ])('refuses a bad rule with 400 bad_request naming %j → %s', async (rules, field) => {
    const answer = await postKey({ cache_rules: rules })
    expect(answer.status).toBe(400)
    const body = (await answer.json()) as {
      error: { code: string; message: string; meta?: { field?: string } }
    }
    expect(body.error.code).toBe('bad_request')
    expect(body.error.meta?.field).toBe(field)
    expect(body.error.message).toContain(field)
  })
})
