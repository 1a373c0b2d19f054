// End to end: a caller without a valid key makes the gateway read, decompress or parse nothing, and
// decompression across requests is bounded by SERVER_MAX_DECODING_BYTES.
import { request } from 'node:http'
import { connect } from 'node:net'
import { brotliCompressSync, gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startStack, type TestStack } from '../test-utils/start-stack.js'
import { bearer, chatBody, postV1 } from '../test-utils/v1-http.js'

const maxDecodingBytes = 1024 * 1024

let stack: TestStack
let key: string

beforeAll(async () => {
  stack = await startStack({ gatewayEnv: { SERVER_MAX_DECODING_BYTES: String(maxDecodingBytes) } })
  key = (await stack.createKey()).key
})
afterAll(() => stack?.close())

/** Sends headers and the first body bytes, then never finishes the body; resolves with the status. */
function postNeverEnding(
  headers: Record<string, string>,
): Promise<{ status: number; connection: string | undefined }> {
  const { hostname, port } = new URL(stack.gateway.url)
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        hostname,
        port,
        path: '/v1/chat/completions',
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': '1000000', ...headers },
      },
      (answer) => {
        answer.resume()
        resolve({ status: answer.statusCode ?? 0, connection: answer.headers.connection })
        outgoing.destroy()
      },
    )
    outgoing.on('error', reject)
    outgoing.write('{"model":"gpt-4o-mini","messages":[')
  })
}

describe('authentication before the body', () => {
  it('answers 401 to a caller without a key while its body is still uploading, and closes the connection', async () => {
    const answer = await postNeverEnding({})
    expect(answer.status).toBe(401)
    expect(answer.connection).toBe('close')
  })

  it('keeps the connection of a refused request whose small declared body arrives after the answer', async () => {
    const { hostname, port } = new URL(stack.gateway.url)
    const socket = connect(Number(port), hostname)
    let received = ''
    socket.setEncoding('latin1')
    socket.on('data', (chunk: string) => {
      received += chunk
    })
    const answers = async (count: number) => {
      for (let waited = 0; waited < 5_000; waited += 10) {
        if (received.split('HTTP/1.1 ').length - 1 >= count && received.endsWith('}')) return
        await new Promise((resolve) => setTimeout(resolve, 10))
      }
      throw new Error(`expected ${count} answers on one connection, got: ${received}`)
    }
    const body = JSON.stringify(chatBody())
    const head = (length: number) =>
      `POST /v1/chat/completions HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`
    // Headers only: the 401 comes before any body byte was sent.
    socket.write(head(Buffer.byteLength(body)))
    await answers(1)
    expect(received).toMatch(/^HTTP\/1\.1 401 /)
    expect(received.toLowerCase()).not.toContain('connection: close')
    // The body follows and is discarded; the same connection serves the next request.
    socket.write(body)
    socket.write(
      `${head(Buffer.byteLength(body)).replace('\r\n\r\n', `\r\nAuthorization: Bearer ${key}\r\n\r\n`)}${body}`,
    )
    await answers(2)
    expect(received.split('HTTP/1.1 ').map((answer) => answer.slice(0, 3))).toEqual(['', '401', '200'])
    expect(socket.destroyed).toBe(false)
    socket.destroy()
  })

  it('answers 401 to a malformed key with a body that never ends', async () => {
    const answer = await postNeverEnding(bearer('lw_vk_live_not-a-key'))
    expect(answer.status).toBe(401)
  })

  it('never decompresses an unauthenticated body: brotli junk gets 401, not a decoding error', async () => {
    const junk = Buffer.from('this is not brotli at all')
    const answer = await postV1(stack.gateway.url, '/v1/chat/completions', junk, { 'content-encoding': 'br' })
    expect(answer.status).toBe(401)
    expect((answer.json().error as { code: string }).code).toBe('invalid_api_key')
    const bomb = brotliCompressSync(Buffer.alloc(8 * 1024 * 1024, 0x20))
    const bombAnswer = await postV1(stack.gateway.url, '/v1/chat/completions', bomb, {
      'content-encoding': 'br',
    })
    expect(bombAnswer.status).toBe(401)
  })

  it('decodes an authenticated compressed body within the budget', async () => {
    const body = gzipSync(JSON.stringify(chatBody()))
    const answer = await postV1(stack.gateway.url, '/v1/chat/completions', body, {
      ...bearer(key),
      'content-encoding': 'gzip',
    })
    expect(answer.status).toBe(200)
  })

  it('refuses a body whose decoded bytes do not fit SERVER_MAX_DECODING_BYTES with 503 overloaded and Retry-After', async () => {
    const padded = JSON.stringify({ ...chatBody(), padding: 'x'.repeat(2 * maxDecodingBytes) })
    const answer = await postV1(stack.gateway.url, '/v1/chat/completions', gzipSync(padded), {
      ...bearer(key),
      'content-encoding': 'gzip',
    })
    expect(answer.status).toBe(503)
    expect((answer.json().error as { code: string }).code).toBe('overloaded')
    expect(answer.headers.get('retry-after')).toBe('1')
    // The budget was given back: the next small compressed body is served.
    const next = await postV1(
      stack.gateway.url,
      '/v1/chat/completions',
      gzipSync(JSON.stringify(chatBody())),
      {
        ...bearer(key),
        'content-encoding': 'gzip',
      },
    )
    expect(next.status).toBe(200)
  })
})
