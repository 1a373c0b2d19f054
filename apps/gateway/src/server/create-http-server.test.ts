import { connect, type Socket } from 'node:net'
import { request } from 'undici'
import { afterEach, describe, expect, it } from 'vitest'
import { startTestGateway, type TestGateway } from '../test-utils/start-test-gateway.js'

let gateway: TestGateway | undefined

afterEach(async () => {
  await gateway?.close()
  gateway = undefined
})

interface RawExchange {
  socket: Socket
  received: () => string
  closedAfterMs: Promise<number>
}

async function openRaw(port: number): Promise<RawExchange> {
  const socket = connect(port, '127.0.0.1')
  await new Promise((resolve) => socket.once('connect', resolve))
  const openedAt = Date.now()
  let received = ''
  socket.on('data', (chunk) => {
    received += chunk.toString('latin1')
  })
  socket.on('error', () => {})
  const closedAfterMs = new Promise<number>((resolve) =>
    socket.once('close', () => resolve(Date.now() - openedAt)),
  )
  return { socket, received: () => received, closedAfterMs }
}

describe('server timeouts and limits', () => {
  it('applies the configured values to the Node server', async () => {
    gateway = await startTestGateway()
    expect(gateway.server.headersTimeout).toBe(5_000)
    expect(gateway.server.requestTimeout).toBe(60_000)
    expect(gateway.server.keepAliveTimeout).toBe(120_000)
    expect(gateway.server.timeout).toBe(0)
  })

  it('does not cut a response that lasts longer than the read timeout', async () => {
    gateway = await startTestGateway({ SERVER_READ_TIMEOUT: '1s', SERVER_READ_HEADER_TIMEOUT: '500ms' })
    const response = await request(`${gateway.url}/test/stream?chunks=25&interval=100`)
    let text = ''
    for await (const chunk of response.body) text += chunk.toString()
    expect(text.endsWith('data: 24\n\ndata: [DONE]\n\n')).toBe(true)
  })

  it('closes a connection that trickles its headers past the header timeout with 408', async () => {
    gateway = await startTestGateway({ SERVER_READ_HEADER_TIMEOUT: '500ms', SERVER_READ_TIMEOUT: '10s' })
    const raw = await openRaw(gateway.port)
    raw.socket.write('GET /healthz HTTP/1.1\r\nhost: 127.0.0.1\r\n')
    const timer = setInterval(() => raw.socket.write('x-slow: 1\r\n'), 100)
    const closedAfterMs = await raw.closedAfterMs
    clearInterval(timer)
    expect(raw.received()).toMatch(/^HTTP\/1\.1 408 /)
    expect(raw.received()).toContain('cache-control: no-store')
    expect(raw.received()).toContain('"code":"request_timeout"')
    expect(closedAfterMs).toBeGreaterThanOrEqual(400)
    expect(closedAfterMs).toBeLessThan(5_000)
  })

  it('closes a connection that trickles its body past the read timeout with 408', async () => {
    gateway = await startTestGateway({ SERVER_READ_HEADER_TIMEOUT: '500ms', SERVER_READ_TIMEOUT: '1s' })
    const raw = await openRaw(gateway.port)
    raw.socket.write('POST /test/echo HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-length: 1000\r\n\r\n{')
    const timer = setInterval(() => raw.socket.write(' '), 100)
    const closedAfterMs = await raw.closedAfterMs
    clearInterval(timer)
    expect(raw.received()).toMatch(/^HTTP\/1\.1 408 /)
    expect(closedAfterMs).toBeGreaterThanOrEqual(900)
    expect(closedAfterMs).toBeLessThan(6_000)
  })

  it('answers 431 to request headers over SERVER_MAX_HEADER_BYTES', async () => {
    gateway = await startTestGateway({ SERVER_MAX_HEADER_BYTES: '8KiB' })
    const small = await request(`${gateway.url}/healthz`, { headers: { 'x-pad': 'a'.repeat(4_000) } })
    expect(small.statusCode).toBe(200)
    await small.body.dump()
    const raw = await openRaw(gateway.port)
    raw.socket.write(`GET /healthz HTTP/1.1\r\nhost: 127.0.0.1\r\nx-pad: ${'a'.repeat(10_000)}\r\n\r\n`)
    await raw.closedAfterMs
    expect(raw.received()).toMatch(/^HTTP\/1\.1 431 /)
    expect(raw.received()).toContain('SERVER_MAX_HEADER_BYTES')
  })

  it('answers malformed HTTP with a 400 envelope', async () => {
    gateway = await startTestGateway()
    const raw = await openRaw(gateway.port)
    raw.socket.write('NOT HTTP AT ALL\r\n\r\n')
    await raw.closedAfterMs
    expect(raw.received()).toMatch(/^HTTP\/1\.1 400 /)
    expect(raw.received()).toContain('"code":"bad_request"')
  })

  it('closes an idle keep-alive connection after SERVER_IDLE_TIMEOUT', async () => {
    gateway = await startTestGateway({ SERVER_IDLE_TIMEOUT: '300ms' })
    const raw = await openRaw(gateway.port)
    raw.socket.write('GET /livez HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n')
    const closedAfterMs = await raw.closedAfterMs
    expect(raw.received()).toMatch(/^HTTP\/1\.1 200 /)
    expect(closedAfterMs).toBeGreaterThanOrEqual(250)
    expect(closedAfterMs).toBeLessThan(5_000)
  })
})
