// Issue 13 through the gateway over real HTTP: upstream headers, stalled upstreams, credentials in
// the query, unknown-key floods and the connect-time address check.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadGatewayConfig } from '../config.js'
import { startStack, type TestProject, type TestStack } from '../test-utils/start-stack.js'
import { bearer, chatBody, postV1 } from '../test-utils/v1-http.js'

let stack: TestStack

beforeAll(async () => {
  stack = await startStack()
})
afterAll(() => stack?.close())

const chat = (
  gatewayUrl: string,
  key: string,
  headers: Record<string, string> = {},
  path = '/v1/chat/completions',
) => postV1(gatewayUrl, path, chatBody(), { ...bearer(key), ...headers })

async function projectWithSecondary(): Promise<{ project: TestProject; secondary: string }> {
  const project = await stack.createProject()
  const secondary = await project.addProvider({
    type: 'openai-compatible',
    name: 'openai-secondary',
    credentials: { api_key: 'sk-secondary' },
    base_url: `${stack.mock.url}/v1`,
    models: ['gpt-4o-mini'],
  })
  return { project, secondary }
}

const providerHeaders = {
  'x-request-id': 'req_provider_42',
  'cache-control': 'public, max-age=600',
  'set-cookie': 'provider_session=1',
  'x-ratelimit-remaining-requests': '41',
}

describe('upstream headers', () => {
  it('keeps our request id and no-store, and shows the provider id under our prefix', async () => {
    const { key } = await stack.createKey()
    stack.mock.enqueue({ status: 200, headers: providerHeaders })
    const answer = await chat(stack.gateway.url, key, { 'x-request-id': 'client-req-7' })
    expect(answer.status).toBe(200)
    expect(answer.headers.get('x-request-id')).toBe('client-req-7')
    expect(answer.headers.get('x-langwatch-upstream-request-id')).toBe('req_provider_42')
    expect(answer.headers.get('cache-control')).toBe('no-store')
    expect(answer.headers.get('x-ratelimit-remaining-requests')).toBe('41')
    expect(answer.headers.get('set-cookie')).toBeNull()
  })

  it("answers a rate-limited key's own x-ratelimit-* in place of the provider's, once each", async () => {
    const { key } = await stack.createKey({ rate_limits: { rpm: 1000, rpd: null, tpm: null } })
    stack.mock.enqueue({ status: 200, headers: providerHeaders })
    const answer = await chat(stack.gateway.url, key)
    expect(answer.status).toBe(200)
    expect(answer.headers.get('x-ratelimit-limit-requests')).toBe('1000')
    // One value, the key's: the provider's '41' would read as a comma-joined pair next to it.
    expect(answer.headers.get('x-ratelimit-remaining-requests')).toBe('999')
    expect(answer.headers.get('x-request-id')).toMatch(/.+/)
    expect(answer.headers.get('cache-control')).toBe('no-store')
  })

  it('does so on streams too', async () => {
    const { key } = await stack.createKey()
    stack.mock.enqueue({ status: 200, headers: providerHeaders })
    const answer = await postV1(
      stack.gateway.url,
      '/v1/chat/completions',
      { ...chatBody(), stream: true },
      { ...bearer(key), 'x-request-id': 'client-req-8' },
    )
    expect(answer.status).toBe(200)
    expect(answer.headers.get('x-request-id')).toBe('client-req-8')
    expect(answer.headers.get('cache-control')).toBe('no-store')
    expect(answer.headers.get('set-cookie')).toBeNull()
  })
})

describe('credentials in the query string', () => {
  it('never forwards the virtual key to the provider', async () => {
    const { key } = await stack.createKey()
    const before = stack.mock.requests.length
    const answer = await chat(stack.gateway.url, key, {}, `/v1/chat/completions?key=${key}&trace=1`)
    expect(answer.status).toBe(200)
    const received = stack.mock.requests.slice(before)
    expect(received).toHaveLength(1)
    expect(received[0]?.query).toEqual({ trace: '1' })
    expect(JSON.stringify(received[0]?.headers)).not.toContain(key)
  })
})

describe('stalled upstream', () => {
  it('defaults the time to first byte to 60 s', () => {
    expect(loadGatewayConfig({}).config.upstream.headersTimeoutMs).toBe(60_000)
  })

  it('skips a provider that accepts the connection and never answers, to the fallback', async () => {
    const impatient = await stack.startGateway({ LW_GATEWAY_UPSTREAM_HEADERS_TIMEOUT: '300ms' })
    const { project, secondary } = await projectWithSecondary()
    const { key } = await project.createKey({ fallback: { chain: [secondary] } })
    stack.mock.enqueue({ hangMs: 5_000 })
    const started = performance.now()
    const answer = await postV1(
      impatient.gateway.url,
      '/v1/chat/completions',
      chatBody('openai-mock/gpt-4o-mini'),
      bearer(key),
    )
    expect(answer.status).toBe(200)
    expect(answer.headers.get('x-langwatch-fallback-count')).toBe('1')
    expect(performance.now() - started).toBeLessThan(3_000)
  })
})

describe('unknown-key floods', () => {
  it('answers uncached keys 429 + Retry-After without a lookup past the budget, and serves known keys', async () => {
    const limited = await stack.startGateway({
      LW_GATEWAY_AUTH_LOOKUP_RATE: '1',
      LW_GATEWAY_AUTH_LOOKUP_RATE_PER_CLIENT: '1',
    })
    const { key } = await stack.createKey()
    expect((await chat(limited.gateway.url, key)).status).toBe(200)
    const lookupsBefore = stack.controlPlaneProxy.count('POST /api/internal/gateway/resolve-key')
    // Well-formed keys of the same id with another secret: each one unknown.
    const unknown = Array.from(
      { length: 20 },
      (_, index) => `${key.slice(0, -6)}${String(index).padStart(6, 'x')}`,
    )
    const answers = await Promise.all(unknown.map((raw) => chat(limited.gateway.url, raw)))
    const lookups = stack.controlPlaneProxy.count('POST /api/internal/gateway/resolve-key') - lookupsBefore
    expect(lookups).toBeLessThanOrEqual(3)
    // Looked up: 401; rationed: 429, not judged (the same answer a valid uncached key gets).
    expect(answers.filter((answer) => answer.status === 401)).toHaveLength(lookups)
    const rationed = answers.filter((answer) => answer.status === 429)
    expect(rationed).toHaveLength(20 - lookups)
    for (const answer of rationed) {
      expect(answer.headers.get('retry-after')).toBe('1')
      expect(answer.json()).toMatchObject({ error: { code: 'auth_lookup_rate_limited' } })
    }
    expect((await chat(limited.gateway.url, key)).status).toBe(200)
  })

  it('defers a valid key it has not cached past the budget, and serves it once the client retries', async () => {
    const limited = await stack.startGateway({ LW_GATEWAY_AUTH_LOOKUP_RATE_PER_CLIENT: '1' })
    const keys = await Promise.all(Array.from({ length: 5 }, () => stack.createKey()))
    // The client's bucket holds 4 lookups: the first four cold keys are resolved, the fifth waits.
    for (const { key } of keys.slice(0, 4)) expect((await chat(limited.gateway.url, key)).status).toBe(200)
    const lookupsBefore = stack.controlPlaneProxy.count('POST /api/internal/gateway/resolve-key')
    const deferred = await chat(limited.gateway.url, keys[4]!.key)
    expect(deferred.status).toBe(429)
    expect(deferred.headers.get('retry-after')).toBe('1')
    expect(deferred.json()).toMatchObject({ error: { code: 'auth_lookup_rate_limited' } })
    expect(stack.controlPlaneProxy.count('POST /api/internal/gateway/resolve-key')).toBe(lookupsBefore)
    await new Promise((resolve) => setTimeout(resolve, 1_100))
    expect((await chat(limited.gateway.url, keys[4]!.key)).status).toBe(200)
  })
})

describe('connect-time address check', () => {
  it('refuses a loopback provider in production and allows it when told to', async () => {
    const { key } = await stack.createKey()
    const strict = await stack.startGateway({ ENVIRONMENT: 'production' })
    const refused = await chat(strict.gateway.url, key)
    expect(refused.status).toBe(502)
    expect(refused.json()).toMatchObject({ error: { code: 'provider_error' } })
    const allowing = await stack.startGateway({
      ENVIRONMENT: 'production',
      LW_GATEWAY_UPSTREAM_ALLOW_PRIVATE: 'true',
    })
    expect((await chat(allowing.gateway.url, key)).status).toBe(200)
  })
})
