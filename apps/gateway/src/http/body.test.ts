import type { Socket } from 'node:net'
import { connect } from 'node:net'
import { Readable } from 'node:stream'
import * as zlib from 'node:zlib'
import { request } from 'undici'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestGateway, type TestGateway } from '../test-utils/start-test-gateway.js'

const MiB = 1024 * 1024
let gateway: TestGateway
const serverSockets: Socket[] = []

beforeAll(async () => {
  gateway = await startTestGateway({ SERVER_MAX_REQUEST_BODY_BYTES: '1MiB' })
  gateway.server.on('connection', (socket) => serverSockets.push(socket))
})
afterAll(() => gateway.close())

async function post(body: Buffer | Readable, headers: Record<string, string> = {}) {
  const response = await request(`${gateway.url}/test/echo`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', ...headers },
  })
  const text = await response.body.text()
  return { status: response.statusCode, headers: response.headers, text, json: () => JSON.parse(text) }
}

const json = (value: unknown) => Buffer.from(JSON.stringify(value))

describe('readRequestBody over HTTP', () => {
  it('reads and parses a plain JSON body', async () => {
    const response = await post(json({ model: 'gpt-4o', messages: [] }))
    expect(response.status).toBe(200)
    expect(response.json().received).toEqual({ model: 'gpt-4o', messages: [] })
  })

  it('refuses a declared Content-Length over the cap at once and stops reading the socket', async () => {
    const before = serverSockets.length
    const client = connect(gateway.port, '127.0.0.1')
    await new Promise((resolve) => client.once('connect', resolve))
    let received = ''
    let closed = false
    client.on('data', (chunk) => {
      received += chunk.toString('latin1')
    })
    client.on('error', () => {})
    client.on('close', () => {
      closed = true
    })
    client.write(
      `POST /test/echo HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: ${100 * MiB}\r\n\r\n`,
    )
    const chunk = Buffer.alloc(64 * 1024, 0x20)
    let sent = 0
    const startedAt = Date.now()
    while (!closed && sent < 100 * MiB && Date.now() - startedAt < 10_000) {
      if (!client.write(chunk)) await new Promise((resolve) => setTimeout(resolve, 5))
      sent += chunk.length
      await new Promise((resolve) => setImmediate(resolve))
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
    client.destroy()
    expect(received).toMatch(/^HTTP\/1\.1 413 /)
    expect(received).toContain('"code":"payload_too_large"')
    expect(received.toLowerCase()).toContain('connection: close')
    expect(closed).toBe(true)
    const serverSocket = serverSockets[before]!
    expect(serverSocket.destroyed).toBe(true)
    expect(serverSocket.bytesRead).toBeLessThan(8 * MiB)
  })

  it('refuses a chunked body once the bytes received pass the cap', async () => {
    async function* chunks() {
      for (let i = 0; i < 64; i++) yield Buffer.alloc(64 * 1024, 0x20)
    }
    const response = await post(Readable.from(chunks()))
    expect(response.status).toBe(413)
    expect(response.json().error).toMatchObject({ code: 'payload_too_large', type: 'invalid_request_error' })
    expect(response.json().error.message).toContain('SERVER_MAX_REQUEST_BODY_BYTES')
  })

  it('refuses a gzip bomb by its decoded size, quickly', async () => {
    const bomb = zlib.gzipSync(Buffer.alloc(64 * MiB))
    expect(bomb.length).toBeLessThan(MiB / 4)
    const startedAt = Date.now()
    const response = await post(bomb, { 'content-encoding': 'gzip' })
    expect(response.status).toBe(413)
    expect(response.json().error.message).toContain('after decompression')
    expect(Date.now() - startedAt).toBeLessThan(5_000)
  })

  it.each([
    ['gzip', zlib.gzipSync],
    ['deflate', zlib.deflateSync],
    ['br', zlib.brotliCompressSync],
  ] as const)('decodes a %s body under the cap and parses it', async (encoding, compress) => {
    const payload = { model: 'claude-sonnet-4', text: 'x'.repeat(300_000) }
    const response = await post(compress(json(payload)), { 'content-encoding': encoding })
    expect(response.status).toBe(200)
    expect(response.json().received).toEqual(payload)
  })

  it('answers 415 naming the supported encodings for an unknown Content-Encoding', async () => {
    const response = await post(json({}), { 'content-encoding': 'compress' })
    expect(response.status).toBe(415)
    expect(response.json().error.code).toBe('unsupported_media_type')
    expect(response.json().error.message).toContain('gzip, x-gzip, deflate, br')
  })

  it('decodes zstd where this Node has it, else answers 415', async () => {
    const zstd = zlib as unknown as { zstdCompressSync?: (input: Buffer) => Buffer }
    const body = zstd.zstdCompressSync?.(json({ a: 1 })) ?? json({ a: 1 })
    const response = await post(body, { 'content-encoding': 'zstd' })
    if (zstd.zstdCompressSync === undefined) {
      expect(response.status).toBe(415)
      expect(response.json().error.message).toContain('"zstd" is not supported')
    } else {
      expect(response.status).toBe(200)
      expect(response.json().received).toEqual({ a: 1 })
    }
  })

  it('answers 400 for a corrupt gzip body', async () => {
    const response = await post(Buffer.from('not gzip at all'), { 'content-encoding': 'gzip' })
    expect(response.status).toBe(400)
    expect(response.json().error).toMatchObject({ code: 'bad_request' })
    expect(response.json().error.message).toContain('not valid gzip')
  })

  it('answers 400 invalid_json naming the position of the syntax error', async () => {
    const response = await post(Buffer.from('{"model": "gpt-4o",,}'))
    expect(response.status).toBe(400)
    expect(response.json().error.code).toBe('invalid_json')
    expect(response.json().error.message).toMatch(/position \d+/)
  })

  it('keeps the connection usable after a body that was read in full', async () => {
    const first = await post(json({ n: 1 }))
    const second = await post(json({ n: 2 }))
    expect([first.status, second.status]).toEqual([200, 200])
    expect(first.headers.connection).not.toBe('close')
  })
})
