import { connect } from 'node:net'
import { request } from 'undici'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestGateway, type TestGateway } from '../test-utils/start-test-gateway.js'

let gateway: TestGateway

beforeAll(async () => {
  gateway = await startTestGateway()
})
afterAll(() => gateway.close())

async function call(method: string, path: string, headers: Record<string, string> = {}, body?: string) {
  const response = await request(`${gateway.url}${path}`, { method: method as 'GET', headers, body })
  const text = await response.body.text()
  return { status: response.statusCode, headers: response.headers, text }
}

describe('request id', () => {
  it('echoes a sane client X-Request-Id', async () => {
    const response = await call('GET', '/healthz', { 'x-request-id': 'client-id_1.2:3' })
    expect(response.headers['x-request-id']).toBe('client-id_1.2:3')
  })

  it('generates a req_ ULID when the client sends none', async () => {
    const response = await call('GET', '/healthz')
    expect(response.headers['x-request-id']).toMatch(/^req_[0-9A-HJKMNP-TV-Z]{26}$/)
  })

  it('replaces an insane client id instead of echoing it', async () => {
    for (const bad of ['has space', 'x'.repeat(129), 'quote"d']) {
      const response = await call('GET', '/healthz', { 'x-request-id': bad })
      expect(response.headers['x-request-id']).toMatch(/^req_/)
    }
  })

  it('puts the id on routes that write the raw response too', async () => {
    const response = await call('POST', '/test/raw', { 'x-request-id': 'raw-1' })
    expect(response.status).toBe(201)
    expect(response.text).toBe('raw')
    expect(response.headers['x-test']).toBe('raw')
    expect(response.headers['x-request-id']).toBe('raw-1')
  })

  it('writes the id in the access log line', async () => {
    await call('GET', '/v1/models', { 'x-request-id': 'logged-1' })
    const line = gateway.logs.find('access').find((entry) => entry.request_id === 'logged-1')
    expect(line).toMatchObject({ method: 'GET', route: 'unmatched', path: '/v1/models', status: 404 })
  })

  it('adds the id to every line of the per-request logger', async () => {
    await call('GET', '/test/crash', { 'x-request-id': 'crash-1' })
    expect(gateway.logs.find('unhandled_error')[0]).toMatchObject({ request_id: 'crash-1', level: 'error' })
  })
})

describe('direct routes (served without Hono)', () => {
  it('serves an exact-path POST directly, with the id, no-store and the route label', async () => {
    const response = await call('POST', '/test/direct', { 'x-request-id': 'direct-1' })
    expect(response).toMatchObject({ status: 200, text: 'direct' })
    expect(response.headers['x-request-id']).toBe('direct-1')
    expect(response.headers['cache-control']).toBe('no-store')
    const line = gateway.logs.find('access').find((entry) => entry.request_id === 'direct-1')
    expect(line).toMatchObject({ route: '/test/direct', status: 200 })
  })

  it('leaves a query string, another method or an unusual Host to Hono', async () => {
    expect((await call('POST', '/test/direct?x=1')).text).toBe('hono')
    expect((await call('GET', '/test/direct')).status).toBe(405)
    const odd = await call('POST', '/test/direct', { host: 'user@example.com' })
    expect(odd.text).not.toBe('direct')
  })

  it('answers a crash in a direct route with the internal_error envelope in its shape, and logs it', async () => {
    const response = await call('POST', '/test/direct-crash', { 'x-request-id': 'direct-crash-1' })
    expect(response.status).toBe(500)
    expect(JSON.parse(response.text)).toMatchObject({ type: 'error', error: { type: 'api_error' } })
    expect(response.headers['x-request-id']).toBe('direct-crash-1')
    expect(response.headers['cache-control']).toBe('no-store')
    expect(gateway.logs.find('unhandled_error').some((entry) => entry.request_id === 'direct-crash-1')).toBe(
      true,
    )
  })
})

describe('Cache-Control: no-store', () => {
  it.each([
    ['GET', '/healthz'],
    ['HEAD', '/readyz'],
    ['GET', '/metrics'],
    ['POST', '/test/raw'],
    ['GET', '/nope'],
    ['DELETE', '/healthz'],
    ['GET', '/test/gateway-error'],
    ['GET', '/test/crash'],
    ['GET', '/test/stream?chunks=1&interval=1'],
  ])('is set on %s %s', async (method, path) => {
    const response = await call(method, path)
    expect(response.headers['cache-control']).toBe('no-store')
  })
})

describe('access log', () => {
  it('logs route pattern, status, duration, bytes and the fields routes attach', async () => {
    await call(
      'POST',
      '/test/echo?key=secret-in-query',
      { 'x-request-id': 'echo-1', authorization: 'Bearer sk-x' },
      '{"a":1}',
    )
    const line = gateway.logs.find('access').find((entry) => entry.request_id === 'echo-1')!
    expect(line).toMatchObject({
      level: 'info',
      method: 'POST',
      route: '/test/echo',
      path: '/test/echo',
      status: 200,
      provider: 'test',
      model: 'echo',
    })
    expect(line.duration_ms).toEqual(expect.any(Number))
    expect(line.bytes).toBeGreaterThan(100)
    expect(JSON.stringify(gateway.logs.lines)).not.toContain('secret-in-query')
    expect(JSON.stringify(gateway.logs.lines)).not.toContain('sk-x')
  })

  it('logs probes at debug so they do not drown traffic', async () => {
    await call('GET', '/livez', { 'x-request-id': 'probe-1' })
    expect(gateway.logs.find('access').find((entry) => entry.request_id === 'probe-1')?.level).toBe('debug')
  })
})

describe('requests the adapter refuses', () => {
  it('answers a bad Host header with a 400 envelope, id and no-store', async () => {
    const socket = connect(gateway.port, '127.0.0.1')
    let received = ''
    socket.on('data', (chunk) => {
      received += chunk.toString()
    })
    socket.write('GET /healthz HTTP/1.1\r\nhost: bad host\r\nconnection: close\r\n\r\n')
    await new Promise((resolve) => socket.once('close', resolve))
    expect(received).toMatch(/^HTTP\/1\.1 400 /)
    expect(received).toContain('"code":"bad_request"')
    expect(received).toContain('cache-control: no-store')
    expect(received).toMatch(/x-request-id: req_/)
  })
})
