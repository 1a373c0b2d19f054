// Issue 13 at the library level, over real HTTP: response-header allowlist, misconfigured and
// refused providers as provider failures, credentials stripped from the forwarded query.
import { createAddressPolicy } from '@gw/contract'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type ProxyHarness, sendRaw, startProxyHarness } from '../../test-utils/proxy-harness.js'
import {
  json,
  type ScriptedUpstream,
  sse,
  startScriptedUpstream,
} from '../../test-utils/scripted-upstream.js'
import { createProviderClient, type ProviderClientOptions } from '../client/create-provider-client.js'
import type { ProviderConfig } from '../spec/provider-config.js'

let upstream: ScriptedUpstream
const open: { close(): Promise<unknown> }[] = []
const body = '{"model":"gpt-4o","messages":[]}'
const ok = { id: 'ok', usage: { prompt_tokens: 1, completion_tokens: 1 } }
const upstreamHeaders = {
  'x-request-id': 'req_provider_123',
  'cache-control': 'public, max-age=600',
  'set-cookie': 'session=provider',
  'x-ratelimit-remaining-requests': '99',
  'openai-organization': 'org-secret',
  'x-internal-debug': 'yes',
}

async function harnessWith(providers: ProviderConfig[], options: Partial<ProviderClientOptions> = {}) {
  const client = createProviderClient({ providers, ...options })
  const harness: ProxyHarness = await startProxyHarness(client)
  open.push(harness, client)
  return harness
}

const good = (): ProviderConfig => ({
  id: 'good',
  type: 'openai',
  baseUrl: `${upstream.url}/v1`,
  credentials: { api_key: 'sk-good' },
})

beforeAll(async () => {
  upstream = await startScriptedUpstream(json(200, ok))
})
afterEach(async () => {
  upstream.requests.length = 0
  await Promise.all(open.splice(0).map((item) => item.close()))
})
afterAll(() => upstream.close())

describe('response headers', () => {
  it('keeps the gateway request id, moves the provider id under our prefix and forces no-store', async () => {
    const harness = await harnessWith([good()])
    upstream.enqueue(json(200, ok, upstreamHeaders))
    const response = await sendRaw(harness.url, { path: '/v1/chat/completions', body })
    expect(response.status).toBe(200)
    expect(response.headers['x-request-id']).toBe('req-test-1')
    expect(response.headers['x-langwatch-upstream-request-id']).toBe('req_provider_123')
    expect(response.headers['cache-control']).toBe('no-store')
    expect(response.headers['x-ratelimit-remaining-requests']).toBe('99')
    for (const name of ['set-cookie', 'openai-organization', 'x-internal-debug']) {
      expect(response.headers[name], name).toBeUndefined()
    }
  })

  it('does the same for streams', async () => {
    const harness = await harnessWith([good()])
    upstream.enqueue(sse(['data: {"choices":[]}\n\n', 'data: [DONE]\n\n'], 0, upstreamHeaders))
    const response = await sendRaw(harness.url, {
      path: '/v1/chat/completions',
      body: '{"model":"gpt-4o","messages":[],"stream":true}',
    })
    expect(response.headers['cache-control']).toBe('no-store')
    expect(response.headers['x-request-id']).toBe('req-test-1')
    expect(response.headers['set-cookie']).toBeUndefined()
  })
})

describe('providers that cannot be called', () => {
  const misconfigured = (baseUrl: string): ProviderConfig => ({
    id: 'bad',
    type: 'openai-compatible',
    baseUrl,
    credentials: { api_key: 'x' },
  })

  it.each(['file:///etc/passwd', 'gopher://h:70/', 'javascript:alert(1)'])(
    'falls back past a provider whose base URL is %s',
    async (baseUrl) => {
      const harness = await harnessWith([misconfigured(baseUrl), good()], { fallback: { chain: ['good'] } })
      const response = await sendRaw(harness.url, {
        path: '/v1/chat/completions',
        body: body.replace('gpt-4o', 'bad/gpt-4o'),
      })
      expect(response.status).toBe(200)
      expect(response.headers['x-langwatch-provider']).toBe('good')
    },
  )

  it('answers 502 provider_error when the misconfigured provider is all there is', async () => {
    const harness = await harnessWith([misconfigured('file:///etc/passwd')])
    const response = await sendRaw(harness.url, {
      path: '/v1/chat/completions',
      body: body.replace('gpt-4o', 'bad/gpt-4o'),
    })
    expect(response.status).toBe(502)
    expect(JSON.parse(response.body.toString())).toMatchObject({ error: { code: 'provider_error' } })
  })

  it('refuses a link-local address at connect time and falls back', async () => {
    const harness = await harnessWith(
      [{ ...misconfigured('http://169.254.169.254/v1'), id: 'metadata' }, good()],
      { fallback: { chain: ['good'] }, addressPolicy: createAddressPolicy({ refusePrivate: false }) },
    )
    const response = await sendRaw(harness.url, {
      path: '/v1/chat/completions',
      body: body.replace('gpt-4o', 'metadata/gpt-4o'),
    })
    expect(response.status).toBe(200)
    expect(response.headers['x-langwatch-provider']).toBe('good')
  })

  it('refuses a name that resolves to a refused address (checked after DNS)', async () => {
    const localhost = { ...good(), id: 'by-name', baseUrl: upstream.url.replace('127.0.0.1', 'localhost') }
    const harness = await harnessWith([localhost], {
      addressPolicy: { checkHostname: () => null, checkAddress: () => 'private' },
    })
    const response = await sendRaw(harness.url, { path: '/v1/chat/completions', body })
    expect(response.status).toBe(502)
    expect(upstream.requests).toHaveLength(0)
  })
})

describe('forwarded query', () => {
  it('never forwards the virtual key from the query string', async () => {
    const harness = await harnessWith([good()])
    const response = await sendRaw(harness.url, {
      path: '/v1/chat/completions?key=lw_vk_live_secret&beta=true',
      body,
    })
    expect(response.status).toBe(200)
    expect(upstream.requests[0]?.url).not.toContain('lw_vk_live_secret')
    expect(upstream.requests[0]?.url).toContain('beta=true')
  })
})
