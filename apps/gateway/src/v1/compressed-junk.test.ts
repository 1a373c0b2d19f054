// End to end: compressed junk sent with a valid key is refused at its first decoded chunk (400
// invalid_json), not decoded in full; JSON-shaped bombs stay bounded by SERVER_MAX_DECODING_BYTES.
import { brotliCompressSync, gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startStack, type TestStack } from '../test-utils/start-stack.js'
import { bearer, chatBody, postV1 } from '../test-utils/v1-http.js'

// Smaller than the bombs below: a body decoded in full would hit it and get 503 overloaded.
const maxDecodingBytes = 1024 * 1024

let stack: TestStack
let key: string

beforeAll(async () => {
  stack = await startStack({ gatewayEnv: { SERVER_MAX_DECODING_BYTES: String(maxDecodingBytes) } })
  key = (await stack.createKey()).key
})
afterAll(() => stack?.close())

const post = (body: Buffer, coding: string) =>
  postV1(stack.gateway.url, '/v1/chat/completions', body, { ...bearer(key), 'content-encoding': coding })

describe('compressed junk with a valid key', () => {
  it('refuses a brotli bomb of zero bytes with 400 invalid_json at its first chunk, not 503 after decoding it', async () => {
    const bomb = brotliCompressSync(Buffer.alloc(32 * 1024 * 1024))
    const answer = await post(bomb, 'br')
    expect(answer.status).toBe(400)
    const error = answer.json().error as { code: string; message: string }
    expect(error.code).toBe('invalid_json')
    expect(error.message).toContain('starts with byte 0x00')
    expect(answer.headers.get('connection')).toBe('close')
  })

  it('refuses gzip junk of random letters the same way', async () => {
    const answer = await post(gzipSync(Buffer.alloc(4 * 1024 * 1024, 'x')), 'gzip')
    expect(answer.status).toBe(400)
    expect((answer.json().error as { code: string }).code).toBe('invalid_json')
  })

  it('still serves a compressed JSON body that starts with whitespace', async () => {
    const answer = await post(gzipSync(`\n \t${JSON.stringify(chatBody())}`), 'gzip')
    expect(answer.status).toBe(200)
  })

  it('still bounds a JSON-shaped bomb by SERVER_MAX_DECODING_BYTES (503 overloaded), as before', async () => {
    const bomb = brotliCompressSync(`{"padding":"${' '.repeat(4 * maxDecodingBytes)}"}`)
    const answer = await post(bomb, 'br')
    expect(answer.status).toBe(503)
    expect((answer.json().error as { code: string }).code).toBe('overloaded')
  })
})
