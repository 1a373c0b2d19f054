// Over HTTP: gateway_response_cache_requests_total counts hit, miss, refresh and bypass on /metrics,
// a key without caching counts nothing, and the in-process store's bytes and entries are exported.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startStack, type TestStack } from '../test-utils/start-stack.js'
import { bearer, getV1, postV1 } from '../test-utils/v1-http.js'

const chat = (content: string) => ({
  model: 'gpt-4o-mini',
  max_tokens: 16,
  messages: [{ role: 'user', content }],
})

/** The samples of the response cache's series, by `name{labels}`. */
async function cacheSeries(url: string): Promise<Record<string, number>> {
  const text = (await getV1(url, '/metrics')).text
  const series: Record<string, number> = {}
  for (const line of text.split('\n')) {
    const match = /^(gateway_response_cache_\w+(?:\{[^}]*\})?) (\S+)$/.exec(line)
    if (match !== null) series[match[1]!] = Number(match[2])
  }
  return series
}

describe('response cache metrics', () => {
  let stack: TestStack
  beforeAll(async () => {
    stack = await startStack()
  })
  afterAll(() => stack?.close())

  it('counts nothing for a key without caching', async () => {
    const { key } = await stack.createKey()
    const answer = await postV1(stack.gateway.url, '/v1/chat/completions', chat('plain'), bearer(key))
    expect(answer.status).toBe(200)
    const series = await cacheSeries(stack.gateway.url)
    expect(Object.keys(series).filter((name) => name.includes('requests_total'))).toEqual([])
    expect(series).toMatchObject({ gateway_response_cache_bytes: 0, gateway_response_cache_entries: 0 })
  })

  it('counts each result of a key with a cache rule, and reports what the store holds', async () => {
    const rule = { id: 'all', action: { mode: 'cache', ttl: 60 } }
    const { key } = await stack.createKey({ cache_rules: [rule] })
    const body = chat('counted')
    const post = (headers: Record<string, string> = {}) =>
      postV1(stack.gateway.url, '/v1/chat/completions', body, { ...bearer(key), ...headers })
    expect((await post()).headers.get('x-langwatch-response-cache')).toBe('miss')
    expect((await post()).headers.get('x-langwatch-response-cache')).toBe('hit')
    expect((await post()).headers.get('x-langwatch-response-cache')).toBe('hit')
    expect(
      (await post({ 'x-langwatch-response-cache': 'refresh' })).headers.get('x-langwatch-response-cache'),
    ).toBe('refresh')
    expect(
      (await post({ 'x-langwatch-response-cache': 'bypass' })).headers.get('x-langwatch-response-cache'),
    ).toBeNull()
    const series = await cacheSeries(stack.gateway.url)
    expect(series).toMatchObject({
      'gateway_response_cache_requests_total{result="miss"}': 1,
      'gateway_response_cache_requests_total{result="hit"}': 2,
      'gateway_response_cache_requests_total{result="refresh"}': 1,
      'gateway_response_cache_requests_total{result="bypass"}': 1,
      gateway_response_cache_entries: 1,
    })
    expect(series.gateway_response_cache_bytes).toBeGreaterThan(100)
  })
})
