// GatewayResponse over real HTTP: own headers written in writeHead's one pass, winning over given ones.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import {
  GatewayResponse,
  OwnHeaders,
  ownHeadersOf,
  responseHeader,
  setOwnHeaders,
} from './gateway-response.js'

let server: Server | undefined
afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined))
  server = undefined
})

/** Serves one handler on loopback with (or without) GatewayResponse; resolves with a fetch of `/`. */
async function serve(
  handler: (incoming: IncomingMessage, outgoing: ServerResponse) => void,
  gatewayResponse = true,
): Promise<Response> {
  server = gatewayResponse
    ? createServer({ ServerResponse: GatewayResponse }, handler)
    : createServer(handler)
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return fetch(`http://127.0.0.1:${port}/`)
}

/** Each named header of `answer` has the given value (null: absent). */
function expectHeaders(answer: Response, expected: Record<string, string | null>): void {
  for (const [name, value] of Object.entries(expected)) expect(answer.headers.get(name), name).toBe(value)
}

describe('GatewayResponse', () => {
  it('writes its own headers with a flat list, without building Node header objects', async () => {
    let names: string[] = ['unset']
    const answer = await serve((_incoming, outgoing) => {
      setOwnHeaders(outgoing, ['x-request-id', 'req_1', 'cache-control', 'no-store'])
      outgoing.writeHead(200, ['content-type', 'text/plain', 'content-length', '2'])
      names = outgoing.getHeaderNames()
      outgoing.end('ok')
    })
    expect(answer.status).toBe(200)
    expectHeaders(answer, {
      'x-request-id': 'req_1',
      'cache-control': 'no-store',
      'content-type': 'text/plain',
    })
    expect(await answer.text()).toBe('ok')
    // Node's per-header store stayed empty: the headers went out in one list.
    expect(names).toEqual([])
  })

  it('lets its own headers win over given ones of any case, object or pairs alike', async () => {
    const asObject = await serve((_incoming, outgoing) => {
      setOwnHeaders(outgoing, ['cache-control', 'no-store', 'x-ratelimit-remaining-requests', '9'])
      outgoing.writeHead(200, 'Fine', {
        'Cache-Control': 'public, max-age=60',
        'X-RateLimit-Remaining-Requests': 41,
        'Set-Cookie': ['a=1', 'b=2'],
      })
      outgoing.end()
    })
    expect(asObject.statusText).toBe('Fine')
    expectHeaders(asObject, { 'cache-control': 'no-store', 'x-ratelimit-remaining-requests': '9' })
    expect(asObject.headers.getSetCookie()).toEqual(['a=1', 'b=2'])
    await new Promise((resolve) => server?.close(resolve))
    const asPairs = await serve((_incoming, outgoing) => {
      setOwnHeaders(outgoing, ['x-request-id', 'req_2'])
      outgoing.writeHead(201, [
        ['x-request-id', 'provider'],
        ['x-other', 'kept'],
      ] as unknown as string[])
      outgoing.end()
    })
    expect(asPairs.status).toBe(201)
    expectHeaders(asPairs, { 'x-request-id': 'req_2', 'x-other': 'kept' })
  })

  it('carries them on an implicit head and merges with setHeader as Node does', async () => {
    const answer = await serve((_incoming, outgoing) => {
      setOwnHeaders(outgoing, ['x-request-id', 'req_3'])
      ownHeadersOf(outgoing).setHeader('x-langwatch-budget-warning', 'project:80')
      ownHeadersOf(outgoing).setHeader('x-langwatch-budget-warning', 'project:85')
      outgoing.setHeader('connection', 'close')
      outgoing.statusCode = 202
      outgoing.end('implicit')
    })
    expect(answer.status).toBe(202)
    expectHeaders(answer, {
      'x-request-id': 'req_3',
      'x-langwatch-budget-warning': 'project:85',
      connection: 'close',
    })
    expect(await answer.text()).toBe('implicit')
  })

  it('reads a header from its own list first, then from Node', async () => {
    const seen: (string | undefined)[] = []
    await serve((_incoming, outgoing) => {
      setOwnHeaders(outgoing, ['x-request-id', 'req_4'])
      outgoing.setHeader('content-type', 'text/plain')
      seen.push(responseHeader(outgoing, 'x-request-id'), responseHeader(outgoing, 'content-type'))
      seen.push(responseHeader(outgoing, 'x-absent'))
      outgoing.end()
    })
    expect(seen).toEqual(['req_4', 'text/plain', undefined])
  })

  it('falls back to setHeader on a plain ServerResponse', async () => {
    const answer = await serve((_incoming, outgoing) => {
      setOwnHeaders(outgoing, ['x-request-id', 'req_5'])
      ownHeadersOf(outgoing).setHeader('x-ratelimit-limit-requests', '60')
      outgoing.writeHead(200)
      outgoing.end()
    }, false)
    expectHeaders(answer, { 'x-request-id': 'req_5', 'x-ratelimit-limit-requests': '60' })
  })

  it('hands out the response itself once its head went out (setHeader then throws as usual)', async () => {
    let before: unknown
    let after: unknown
    let response: unknown
    await serve((_incoming, outgoing) => {
      response = outgoing
      setOwnHeaders(outgoing, ['x-request-id', 'req_7'])
      before = ownHeadersOf(outgoing)
      outgoing.writeHead(200)
      after = ownHeadersOf(outgoing)
      outgoing.end()
    })
    expect(before).toBeInstanceOf(OwnHeaders)
    expect(after).toBe(response)
  })
})

describe('OwnHeaders', () => {
  it('replaces a set name, and merges an absent head into a copy of its list', () => {
    const own = new OwnHeaders(['x-request-id', 'req_6'])
    own.setHeader('retry-after', '3').setHeader('retry-after', '4')
    expect(own.get('retry-after')).toBe('4')
    const merged = own.merge(undefined)
    expect(merged).toEqual(['x-request-id', 'req_6', 'retry-after', '4'])
    expect(merged).not.toBe(own.list)
  })
})
