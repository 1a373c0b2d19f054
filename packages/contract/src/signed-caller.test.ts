import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyRequest } from './hmac.js'
import { SignedCaller } from './signed-caller.js'

const secret = 'signed-caller-test-secret-0123456789'
let server: Server
let baseUrl: string
const seen: { body: Buffer; contentType: string | undefined; verified: boolean }[] = []

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const body = Buffer.concat(chunks)
      const verdict = verifyRequest({
        secret,
        method: request.method ?? 'GET',
        path: request.url ?? '/',
        body,
        signature: request.headers['x-langwatch-gateway-signature'] as string | undefined,
        timestamp: request.headers['x-langwatch-gateway-timestamp'] as string | undefined,
      })
      seen.push({ body, contentType: request.headers['content-type'], verified: verdict.ok })
      response.writeHead(200, { 'content-type': 'application/json' })
      response.end('{"ok":true}')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

describe('SignedCaller', () => {
  it('sends and signs an encoded body given as bytes exactly as given', async () => {
    const caller = new SignedCaller({ baseUrl, internalSecret: secret, nodeId: 'gw-test' })
    // Multi-byte UTF-8 and a space where a newline was: the bytes must arrive untouched.
    const bytes = Buffer.from('{"records":[{"model":"modèle-€"},{"n":2} ]}', 'utf8')
    const answer = await caller.call({
      method: 'POST',
      path: '/spend-commands',
      encodedBody: bytes,
      endpoint: 'other',
    })
    expect(answer.status).toBe(200)
    expect(seen.at(-1)?.body.equals(bytes)).toBe(true)
    expect(seen.at(-1)?.contentType).toBe('application/json')
    expect(seen.at(-1)?.verified).toBe(true)
  })

  it('signs an encoded body given as text over its UTF-8 bytes', async () => {
    const caller = new SignedCaller({ baseUrl, internalSecret: secret, nodeId: 'gw-test' })
    const text = '{"records":[{"model":"modèle-€"}]}'
    await caller.call({ method: 'POST', path: '/spend-commands', encodedBody: text, endpoint: 'other' })
    expect(seen.at(-1)?.body.toString('utf8')).toBe(text)
    expect(seen.at(-1)?.verified).toBe(true)
  })
})
