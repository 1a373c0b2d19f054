import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { connect } from 'node:net'
import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RequestContext } from '../http/request-context.js'
import { readBody } from './read-body.js'

// The step "read body" against a bare node:http server: a body that arrived with its headers is
// taken from the stream's buffer (no 'data' listener); anything else is read chunk by chunk.

const MAX_BYTES = 64 * 1024
let server: Server
let port: number

interface Outcome {
  text: string
  streamed: boolean
}

beforeAll(async () => {
  server = createServer((incoming, outgoing) => {
    const streamed = watchDataListeners(incoming)
    readBody(incoming, {} as RequestContext, { maxBytes: MAX_BYTES, logBody: false }).then(
      (body) => {
        const outcome: Outcome = { text: body.raw.toString('utf8'), streamed: streamed() }
        answer(outgoing, 200, outcome)
      },
      (error: { status: number; code: string }) => {
        answer(outgoing, error.status, { code: error.code, streamed: streamed() })
      },
    )
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as AddressInfo).port
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

function answer(outgoing: ServerResponse, status: number, outcome: object): void {
  const text = Buffer.from(JSON.stringify(outcome))
  outgoing.writeHead(status, { 'content-type': 'application/json', 'content-length': text.length }).end(text)
}

/** True once anything listened for the request's 'data' (the chunk-by-chunk read). */
function watchDataListeners(incoming: IncomingMessage): () => boolean {
  let streamed = false
  const on = incoming.on.bind(incoming)
  incoming.on = ((event: string, listener: (...args: unknown[]) => void) => {
    if (event === 'data') streamed = true
    return on(event, listener)
  }) as IncomingMessage['on']
  return () => streamed
}

function head(length: number, extra = ''): string {
  return `POST /x HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: ${length}\r\n${extra}\r\n`
}

/**
 * Writes raw HTTP on one connection: `parts` one `write` each, `pauseMs` apart; collects the
 * answers (one per request) until `answers` have arrived.
 */
async function exchange(
  parts: Buffer[],
  answers: number,
  pauseMs = 0,
): Promise<Array<{ status: number; json: Record<string, unknown> }>> {
  const socket = connect(port, '127.0.0.1')
  await new Promise((resolve) => socket.once('connect', resolve))
  let received = ''
  const done = new Promise<void>((resolve) => {
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('utf8')
      if (splitAnswers(received).length === answers) resolve()
    })
  })
  for (const part of parts) {
    socket.write(part)
    if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs))
  }
  await done
  socket.destroy()
  return splitAnswers(received)
}

function splitAnswers(text: string): Array<{ status: number; json: Record<string, unknown> }> {
  const answers: Array<{ status: number; json: Record<string, unknown> }> = []
  let at = 0
  for (;;) {
    const headEnd = text.indexOf('\r\n\r\n', at)
    if (headEnd === -1) return answers
    const head = text.slice(at, headEnd)
    const length = Number(/content-length: (\d+)/i.exec(head)?.[1])
    const bodyStart = headEnd + 4
    if (text.length < bodyStart + length) return answers
    answers.push({
      status: Number(head.slice(9, 12)),
      json: JSON.parse(text.slice(bodyStart, bodyStart + length)),
    })
    at = bodyStart + length
  }
}

const body = (size: number) => {
  const text = JSON.stringify({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: 'x'.repeat(size) }],
  })
  return Buffer.from(text)
}

describe('readBody', () => {
  it('takes a body that came with its headers from the buffer, without a data listener', async () => {
    const payload = body(2000)
    const [answer] = await exchange([Buffer.concat([Buffer.from(head(payload.length)), payload])], 1)
    expect(answer?.status).toBe(200)
    expect(answer?.json).toEqual({ text: payload.toString(), streamed: false })
  })

  it('does so for each request of a kept-alive connection, pipelined ones included', async () => {
    const first = body(10)
    const second = body(20)
    const wire = Buffer.concat([
      Buffer.from(head(first.length)),
      first,
      Buffer.from(head(second.length)),
      second,
    ])
    const answers = await exchange([wire], 2)
    expect(answers.map((answer) => answer.json)).toEqual([
      { text: first.toString(), streamed: false },
      { text: second.toString(), streamed: false },
    ])
  })

  it('reads a body still arriving chunk by chunk, and gets every byte', async () => {
    const payload = body(3000)
    const parts = [Buffer.from(head(payload.length)), payload.subarray(0, 1000), payload.subarray(1000)]
    const [answer] = await exchange(parts, 1, 30)
    expect(answer?.json).toEqual({ text: payload.toString(), streamed: true })
  })

  it('refuses a complete body over the cap with 413, as the chunked read does', async () => {
    const payload = body(MAX_BYTES)
    const [answer] = await exchange([Buffer.concat([Buffer.from(head(payload.length)), payload])], 1)
    expect(answer?.status).toBe(413)
    expect(answer?.json.code).toBe('payload_too_large')
  })

  it('decodes a compressed body that came whole (the decoding read, with its caps)', async () => {
    const payload = body(500)
    const gzipped = gzipSync(payload)
    const wire = Buffer.concat([Buffer.from(head(gzipped.length, 'content-encoding: gzip\r\n')), gzipped])
    const [answer] = await exchange([wire], 1)
    expect(answer?.json).toEqual({ text: payload.toString(), streamed: true })
  })

  it('gives an empty body the same 400 invalid_json either way', async () => {
    const [answer] = await exchange([Buffer.from(head(0))], 1)
    expect(answer?.status).toBe(400)
    expect(answer?.json).toEqual({ code: 'invalid_json', streamed: false })
  })
})
