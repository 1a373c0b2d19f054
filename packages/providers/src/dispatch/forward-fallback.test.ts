import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startLoopbackServer } from '../../test-utils/loopback-server.js'
import { type ProxyHarness, sendRaw, startProxyHarness, waitFor } from '../../test-utils/proxy-harness.js'
import { json, type ScriptedUpstream, startScriptedUpstream } from '../../test-utils/scripted-upstream.js'
import { createProviderClient, type ProviderClientOptions } from '../client/create-provider-client.js'
import type { ProviderConfig } from '../spec/provider-config.js'

let a: ScriptedUpstream
let b: ScriptedUpstream
let closedUrl: string
const open: { close(): Promise<unknown> }[] = []
const body = '{"model":"gpt-4o","messages":[]}'
const ok = { id: 'ok', usage: { prompt_tokens: 1, completion_tokens: 1 } }

function providers(primaryUrl: string): ProviderConfig[] {
  return [
    { id: 'p-a', type: 'openai', baseUrl: `${primaryUrl}/v1`, credentials: { api_key: 'a' } },
    { id: 'p-b', type: 'openai', baseUrl: `${b.url}/v1`, credentials: { api_key: 'b' } },
  ]
}

async function harnessWith(
  options: Partial<ProviderClientOptions> = {},
  primaryUrl = a.url,
): Promise<ProxyHarness> {
  const client = createProviderClient({
    providers: providers(primaryUrl),
    fallback: { chain: ['p-b'] },
    ...options,
  })
  const harness = await startProxyHarness(client)
  open.push(harness, client)
  return harness
}

beforeAll(async () => {
  a = await startScriptedUpstream()
  b = await startScriptedUpstream(json(200, ok))
  const closed = await startLoopbackServer(() => {})
  closedUrl = closed.url
  await closed.close()
})
afterEach(async () => {
  a.requests.length = 0
  b.requests.length = 0
  await Promise.all(open.splice(0).map((item) => item.close()))
})
afterAll(async () => {
  await a.close()
  await b.close()
})

describe('fallback', () => {
  it.each([503, 500, 429, 404, 408])('moves to the next provider on %i', async (status) => {
    const harness = await harnessWith()
    a.enqueue(json(status, { error: { message: 'nope' } }))
    const response = await sendRaw(harness.url, { path: '/v1/chat/completions', body })
    expect(response.status).toBe(200)
    expect(response.headers['x-langwatch-provider']).toBe('p-b')
    expect(response.headers['x-langwatch-fallback-count']).toBe('1')
    expect(b.requests).toHaveLength(1)
  })

  it.each([400, 401, 403, 422])('returns %i verbatim without falling back', async (status) => {
    const harness = await harnessWith()
    const error = `{"error":{"message":"caller mistake ${status}","type":"invalid_request_error"}}`
    a.enqueue(json(status, error))
    const response = await sendRaw(harness.url, { path: '/v1/chat/completions', body })
    expect(response.status).toBe(status)
    expect(response.body.toString()).toBe(error)
    expect(b.requests).toHaveLength(0)
  })

  it('moves on when the primary does not answer in time', async () => {
    const harness = await harnessWith({ timeouts: { headersMs: 150 } })
    a.enqueue(() => {})
    const response = await sendRaw(harness.url, { path: '/v1/chat/completions', body })
    expect(response.headers['x-langwatch-provider']).toBe('p-b')
    await waitFor(() => harness.results.length === 1)
    expect(harness.results[0]?.records[0]?.error).toBe('UND_ERR_HEADERS_TIMEOUT')
  })

  it('moves on when the primary refuses the connection', async () => {
    const harness = await harnessWith({}, closedUrl)
    const response = await sendRaw(harness.url, { path: '/v1/chat/completions', body })
    expect(response.status).toBe(200)
    expect(response.headers['x-langwatch-provider']).toBe('p-b')
    await waitFor(() => harness.results.length === 1)
    expect(harness.results[0]?.records.map((record) => record.error)).toEqual(['ECONNREFUSED', undefined])
  })

  it('returns the last upstream error verbatim, retry-after included, when every provider fails', async () => {
    const harness = await harnessWith()
    a.enqueue(json(503, { error: { message: 'down' } }))
    const last = '{"error":{"message":"Rate limit reached","type":"requests"}}'
    b.enqueue(json(429, last, { 'retry-after': '7' }))
    const response = await sendRaw(harness.url, { path: '/v1/chat/completions', body })
    expect(response.status).toBe(429)
    expect(response.body.toString()).toBe(last)
    expect(response.headers['retry-after']).toBe('7')
    expect(response.headers['x-langwatch-provider']).toBe('p-b')
  })

  it('answers 504 provider_timeout when the last failure was a timeout', async () => {
    const harness = await harnessWith({ timeouts: { headersMs: 100 }, fallback: { chain: [] } })
    a.enqueue(() => {})
    const response = await sendRaw(harness.url, { path: '/v1/chat/completions', body })
    expect(response.status).toBe(504)
    expect(JSON.parse(response.body.toString()).error.code).toBe('provider_timeout')
  })

  it('stops after maxAttempts upstream calls', async () => {
    const harness = await harnessWith({ fallback: { chain: ['p-b'], maxAttempts: 1 } })
    a.enqueue(json(503, { error: { message: 'down' } }))
    const response = await sendRaw(harness.url, { path: '/v1/chat/completions', body })
    expect(response.status).toBe(503)
    expect(b.requests).toHaveLength(0)
  })
})

describe('circuit breaker in dispatch', () => {
  it('skips an open circuit, probes once after the cooldown and closes on success', async () => {
    let now = 0
    const events: string[] = []
    const breaker = {
      failureThreshold: 2,
      cooldownMs: 1_000,
      now: () => now,
      onEvent: (e: { to: string }) => events.push(e.to),
    }
    const harness = await harnessWith({ breaker })
    a.enqueue(json(500, {}), json(500, {}))
    await sendRaw(harness.url, { path: '/v1/chat/completions', body })
    await sendRaw(harness.url, { path: '/v1/chat/completions', body })
    expect(events).toEqual(['open'])
    const skipped = await sendRaw(harness.url, { path: '/v1/chat/completions', body })
    expect(a.requests).toHaveLength(2)
    expect(skipped.headers['x-langwatch-provider']).toBe('p-b')
    await waitFor(() => harness.results.length === 3)
    expect(harness.results[2]?.records[0]?.error).toBe('circuit_open')
    now = 1_000
    a.enqueue(json(200, ok))
    const probe = await sendRaw(harness.url, { path: '/v1/chat/completions', body })
    expect(probe.headers['x-langwatch-provider']).toBe('p-a')
    expect(events).toEqual(['open', 'half-open', 'closed'])
  })

  it('answers 503 circuit_open when every candidate circuit is open', async () => {
    const harness = await harnessWith({ breaker: { failureThreshold: 1, now: () => 0 } })
    a.enqueue(json(502, {}))
    b.enqueue(json(502, {}))
    await sendRaw(harness.url, { path: '/v1/chat/completions', body })
    const response = await sendRaw(harness.url, { path: '/v1/chat/completions', body })
    expect(response.status).toBe(503)
    expect(JSON.parse(response.body.toString()).error.code).toBe('circuit_open')
    expect(a.requests.length + b.requests.length).toBe(2)
  })
})

describe('same-provider retry', () => {
  it('retries with backoff honouring retry-after before falling back', async () => {
    const delays: number[] = []
    const sleep = async (ms: number) => {
      delays.push(ms)
    }
    const harness = await harnessWith({
      retry: { attempts: 2, baseMs: 100, maxMs: 5_000 },
      sleep,
      random: () => 0,
    })
    a.enqueue(json(503, {}, { 'retry-after': '2' }), json(429, {}), json(200, ok))
    const response = await sendRaw(harness.url, { path: '/v1/chat/completions', body })
    expect(response.headers['x-langwatch-provider']).toBe('p-a')
    expect(delays).toEqual([2_000, 100])
    await waitFor(() => harness.results.length === 1)
    expect(harness.results[0]).toMatchObject({ attempts: 3, fallbackCount: 0 })
    expect(b.requests).toHaveLength(0)
  })

  it('falls back instead of waiting a retry-after longer than maxMs', async () => {
    const delays: number[] = []
    const sleep = async (ms: number) => {
      delays.push(ms)
    }
    const harness = await harnessWith({ retry: { attempts: 2, maxMs: 1_000 }, sleep })
    a.enqueue(json(429, {}, { 'retry-after': '30' }))
    const response = await sendRaw(harness.url, { path: '/v1/chat/completions', body })
    expect(response.headers['x-langwatch-provider']).toBe('p-b')
    expect(delays).toEqual([])
  })
})
