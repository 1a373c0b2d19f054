import { request } from 'undici'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestGateway, type TestGateway } from '../test-utils/start-test-gateway.js'

let gateway: TestGateway

beforeAll(async () => {
  gateway = await startTestGateway()
})
afterAll(() => gateway.close())

async function call(method: string, path: string) {
  const response = await request(`${gateway.url}${path}`, { method: method as 'GET' })
  const text = await response.body.text()
  return { status: response.statusCode, headers: response.headers, text, json: () => JSON.parse(text) }
}

describe('unknown routes', () => {
  it('answers 404 not_found naming the method and path', async () => {
    const response = await call('GET', '/v2/nothing?x=1')
    expect(response.status).toBe(404)
    expect(response.headers['content-type']).toContain('application/json')
    expect(response.json()).toEqual({
      error: { type: 'not_found_error', code: 'not_found', message: 'No route for GET /v2/nothing' },
    })
  })

  it('does not serve /v1 routes until they are mounted', async () => {
    const response = await call('POST', '/v1/chat/completions')
    expect(response.status).toBe(404)
    expect(response.json().error.code).toBe('not_found')
  })

  it('answers 405 method_not_allowed with Allow for a known path', async () => {
    const response = await call('POST', '/healthz')
    expect(response.status).toBe(405)
    expect(response.headers.allow).toBe('GET, HEAD')
    expect(response.json().error).toMatchObject({
      type: 'invalid_request_error',
      code: 'method_not_allowed',
      meta: { allowed_methods: ['GET', 'HEAD'] },
    })
  })

  it('lists every method a path accepts', async () => {
    const response = await call('GET', '/test/echo')
    expect(response.status).toBe(405)
    expect(response.headers.allow).toBe('POST')
  })

  it('answers an unknown HEAD with a 404 status and no body', async () => {
    const response = await call('HEAD', '/nope')
    expect(response.status).toBe(404)
    expect(response.text).toBe('')
  })
})

describe('onError', () => {
  it('turns a GatewayError into its envelope, status and Retry-After', async () => {
    const response = await call('GET', '/test/gateway-error')
    expect(response.status).toBe(429)
    expect(response.headers['retry-after']).toBe('7')
    expect(response.json()).toEqual({
      error: { type: 'rate_limit_error', code: 'rate_limited', message: 'Slow down', meta: { limit: 'rpm' } },
    })
  })

  it('answers an unknown error with 500 internal_error without leaking it', async () => {
    const response = await call('GET', '/test/crash')
    expect(response.status).toBe(500)
    expect(response.json().error.code).toBe('internal_error')
    expect(response.json().error.message).toContain(response.headers['x-request-id'])
    expect(response.text).not.toContain('hunter2')
    expect(gateway.logs.find('unhandled_error').at(-1)?.err).toMatchObject({
      message: 'database password is hunter2',
    })
  })

  it('lets raw routes write the same envelope with writeGatewayError', async () => {
    const response = await call('POST', '/test/raw-error')
    expect(response.status).toBe(504)
    expect(response.headers['cache-control']).toBe('no-store')
    expect(response.headers['x-request-id']).toMatch(/^req_/)
    expect(response.json()).toEqual({
      error: { type: 'api_error', code: 'provider_timeout', message: 'Upstream timed out' },
    })
  })

  it('answers in the Anthropic shape on /v1/messages', async () => {
    const response = await call('POST', '/v1/messages')
    expect(response.status).toBe(401)
    expect(response.json()).toEqual({
      type: 'error',
      error: { type: 'authentication_error', message: 'invalid_api_key: Invalid API key' },
    })
  })

  it('answers in the Anthropic shape for unknown methods under /v1/messages', async () => {
    const response = await call('GET', '/v1/messages')
    expect(response.status).toBe(405)
    expect(response.json()).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } })
  })
})
