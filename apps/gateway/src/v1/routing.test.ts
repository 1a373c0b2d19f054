// End to end over HTTP: routing modes, weighted / least-latency policies, sticky sessions and
// policy changes reaching the gateway, with two mock providers as two credentials' upstreams.
import { type MockProvider, startMockProvider } from '@gw/mock-provider'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { startStack, type TestProject, type TestStack } from '../test-utils/start-stack.js'
import { bearer, chatBody, getV1, messagesBody, postV1 } from '../test-utils/v1-http.js'

let stack: TestStack
let mockB: MockProvider

beforeAll(async () => {
  stack = await startStack({
    gatewayEnv: { LW_GATEWAY_BREAKER_THRESHOLD: '2', LW_GATEWAY_BREAKER_COOLDOWN: '60s' },
  })
  mockB = await startMockProvider()
})
afterAll(async () => {
  await stack?.close()
  await mockB?.close()
})

/** A fresh project (own credential ids, own breakers): A on the stack's mock, B on the second mock. */
async function twoCredentials(): Promise<{ project: TestProject; a: string; b: string }> {
  const project = await stack.createProject()
  const b = await project.addProvider({
    type: 'openai',
    name: 'openai-b',
    credentials: { api_key: 'sk-b' },
    base_url: `${mockB.url}/v1`,
  })
  return { project, a: project.providers.openai, b }
}

async function policyKey(
  project: TestProject,
  strategy: string,
  targets: Record<string, unknown>[],
): Promise<{ key: string; policyId: string }> {
  const policy = await stack.admin.request<{ id: string }>('POST', '/routing-policies', {
    project_id: project.projectId,
    name: `policy-${Math.random().toString(36).slice(2, 8)}`,
    strategy,
    targets,
  })
  const { key } = await project.createKey({ routing_mode: 'policy', routing_policy_id: policy.id })
  return { key, policyId: policy.id }
}

async function providerOf(key: string, headers: Record<string, string> = {}): Promise<string> {
  const answer = await postV1(stack.gateway.url, '/v1/chat/completions', chatBody(), {
    ...bearer(key),
    ...headers,
  })
  expect(answer.status).toBe(200)
  return answer.headers.get('x-langwatch-provider') ?? ''
}

describe('routing modes', () => {
  it('`none` never falls back, where `fallback_all` walks on to the next credential', async () => {
    const { project, b } = await twoCredentials()
    const none = await project.createKey({ routing_mode: 'none', fallback: { chain: [b] } })
    const walk = await project.createKey({ routing_mode: 'fallback_all', fallback: { chain: [b] } })
    const before = { a: stack.mock.requests.length, b: mockB.requests.length }
    stack.mock.enqueue({ status: 503 })
    const refused = await postV1(stack.gateway.url, '/v1/chat/completions', chatBody(), bearer(none.key))
    expect(refused.status).toBe(503)
    expect(refused.headers.get('x-langwatch-provider')).toBe(project.providers.openai)
    expect(stack.mock.requests.length - before.a).toBe(1)
    expect(mockB.requests.length - before.b).toBe(0)

    stack.mock.enqueue({ status: 503 })
    const walked = await postV1(stack.gateway.url, '/v1/chat/completions', chatBody(), bearer(walk.key))
    expect(walked.status).toBe(200)
    expect(walked.headers.get('x-langwatch-provider')).toBe(b)
  })

  it('never uses an access-excluded credential, and refuses when it was the only one', async () => {
    const { project, a, b } = await twoCredentials()
    const { key } = await project.createKey({ fallback: { chain: [b] }, access_excluded_providers: [a] })
    expect(await providerOf(key)).toBe(b)
    const only = await project.createKey({ access_excluded_providers: ['openai'] })
    const refused = await postV1(stack.gateway.url, '/v1/chat/completions', chatBody(), bearer(only.key))
    expect(refused.status).toBe(400)
    expect(refused.json()).toMatchObject({ error: { code: 'no_provider_configured' } })
  })
})

describe('routing policies', () => {
  it('splits 1,000 requests of a weighted 3:1 policy within ±5%', async () => {
    const { project, a, b } = await twoCredentials()
    const { key } = await policyKey(project, 'weighted', [
      { provider_id: a, weight: 3 },
      { provider_id: b, weight: 1 },
    ])
    const counts = new Map<string, number>()
    for (let batch = 0; batch < 50; batch++) {
      const providers = await Promise.all(Array.from({ length: 20 }, () => providerOf(key)))
      for (const id of providers) counts.set(id, (counts.get(id) ?? 0) + 1)
    }
    expect((counts.get(a) ?? 0) + (counts.get(b) ?? 0)).toBe(1000)
    expect(counts.get(a)).toBeGreaterThanOrEqual(700)
    expect(counts.get(a)).toBeLessThanOrEqual(800)
    const metrics = (await getV1(stack.gateway.url, '/metrics')).text
    expect(metrics).toMatch(/gateway_routing_decisions_total\{strategy="weighted"\} \d{4}/)
  }, 60_000)

  it('moves least-latency traffic away from a slowed credential within seconds', async () => {
    const { project, a, b } = await twoCredentials()
    const { key } = await policyKey(project, 'least_latency', [{ provider_id: a }, { provider_id: b }])
    for (let index = 0; index < 10; index++) await providerOf(key)
    // From now on every request to A waits 150 ms before its headers.
    stack.mock.enqueue(...Array.from({ length: 500 }, () => ({ latencyMs: 150 })))
    const slowedAt = Date.now()
    const recent: string[] = []
    while (recent.length < 10 || recent.slice(-10).some((id) => id !== b)) {
      recent.push(await providerOf(key))
      expect(Date.now() - slowedAt).toBeLessThan(5_000)
    }
    const movedAfterMs = Date.now() - slowedAt
    const after: string[] = []
    for (let index = 0; index < 100; index++) after.push(await providerOf(key))
    stack.mock.reset()
    expect(movedAfterMs).toBeLessThan(5_000)
    // Only the periodic probe (one per 2 s) still reaches A.
    expect(after.filter((id) => id === b).length).toBeGreaterThanOrEqual(95)
  }, 30_000)

  it('keeps a session on its credential until that breaker opens, then on the new one', async () => {
    const { project, a, b } = await twoCredentials()
    const { key } = await policyKey(project, 'weighted', [{ provider_id: a }, { provider_id: b }])
    const session = { 'x-langwatch-session-id': 'conversation-1' }
    const pinned = await providerOf(key, session)
    const other = pinned === a ? b : a
    const mockOf = (id: string) => (id === a ? stack.mock : mockB)
    // Requests without a session alternate; the session's stay put.
    const free = [await providerOf(key), await providerOf(key)]
    expect(new Set(free)).toEqual(new Set([a, b]))
    for (let index = 0; index < 5; index++) expect(await providerOf(key, session)).toBe(pinned)

    // One failure: answered by the other credential, but the session stays.
    mockOf(pinned).enqueue({ status: 503 })
    expect(await providerOf(key, session)).toBe(other)
    expect(await providerOf(key, session)).toBe(pinned)
    // The second failure opens the breaker (threshold 2): the session moves, and stays moved.
    mockOf(pinned).enqueue({ status: 503 })
    expect(await providerOf(key, session)).toBe(other)
    const pinnedRequests = mockOf(pinned).requests.length
    for (let index = 0; index < 5; index++) expect(await providerOf(key, session)).toBe(other)
    expect(mockOf(pinned).requests.length).toBe(pinnedRequests)
    const metrics = (await getV1(stack.gateway.url, '/metrics')).text
    expect(metrics).toMatch(/gateway_routing_decisions_total\{strategy="sticky"\} [1-9]/)
  })

  it('sticks Anthropic requests by metadata.user_id when there is no session header', async () => {
    const { project, a, b } = await twoCredentials()
    const { key } = await policyKey(project, 'weighted', [{ provider_id: a }, { provider_id: b }])
    const send = async (userId: string | undefined) => {
      const body = {
        ...messagesBody('gpt-4o-mini'),
        ...(userId === undefined ? {} : { metadata: { user_id: userId } }),
      }
      const answer = await postV1(stack.gateway.url, '/v1/messages', body, { 'x-api-key': key })
      expect(answer.status).toBe(200)
      return answer.headers.get('x-langwatch-provider')
    }
    const first = await send('user-9')
    for (let index = 0; index < 4; index++) {
      await send(undefined)
      expect(await send('user-9')).toBe(first)
    }
  })

  it('follows a policy update through the change feed within seconds', async () => {
    await stack.catchUpChangeFeed()
    const { project, a, b } = await twoCredentials()
    const { key, policyId } = await policyKey(project, 'weighted', [{ provider_id: a }, { provider_id: b }])
    expect(new Set([await providerOf(key), await providerOf(key)])).toEqual(new Set([a, b]))
    await stack.admin.request('PATCH', `/routing-policies/${policyId}`, { targets: [{ provider_id: b }] })
    await vi.waitFor(
      async () => {
        const seen = [await providerOf(key), await providerOf(key), await providerOf(key)]
        expect(seen).toEqual([b, b, b])
      },
      { timeout: 5_000, interval: 100 },
    )
    await stack.admin.request('DELETE', `/routing-policies/${policyId}`)
    // Deleted: the key routes as fallback_all (its model's primary credential, A).
    await vi.waitFor(async () => expect(await providerOf(key)).toBe(a), { timeout: 5_000, interval: 100 })
  })
})
