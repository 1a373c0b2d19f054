// Envelopes for requests Node would answer bare: HTTP/1.1 without Host (empty 400) and CONNECT (no answer).
import type { IncomingMessage, ServerResponse } from 'node:http'
import { STATUS_CODES } from 'node:http'
import type { Duplex } from 'node:stream'
import { type ErrorCode, errorCodes, toErrorEnvelope } from '@gw/contract'

function rawAnswer(code: ErrorCode, message: string, extraHeaders = ''): string {
  const status = errorCodes[code].status
  const body = JSON.stringify(toErrorEnvelope(code, message))
  return (
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
    'content-type: application/json; charset=utf-8\r\n' +
    `content-length: ${Buffer.byteLength(body)}\r\n` +
    `cache-control: no-store\r\n${extraHeaders}connection: close\r\n\r\n${body}`
  )
}

// Built once: both answers are static.
const connectAnswer = rawAnswer(
  'method_not_allowed',
  'CONNECT is not supported: the gateway is not a forward proxy',
  'allow: GET, HEAD, POST\r\n',
)
const missingHostBody = JSON.stringify(
  toErrorEnvelope('bad_request', 'HTTP/1.1 requests must carry a Host header'),
)

/**
 * The server's `connect` listener: answers 405 `method_not_allowed` in our envelope and closes
 * (without a listener Node drops the socket without a word).
 *
 * @example
 * server.on('connect', answerConnect)
 */
export function answerConnect(_request: IncomingMessage, socket: Duplex): void {
  if (!socket.writable) return void socket.destroy()
  socket.end(connectAnswer)
}

/**
 * Wraps the request listener so an HTTP/1.1 request without `Host` gets 400 `bad_request` in our
 * envelope (the server runs with `requireHostHeader: false`, whose built-in answer is an empty 400).
 *
 * @example
 * createServer({ requireHostHeader: false }, requireHost(listener))
 */
export function requireHost(
  listener: (incoming: IncomingMessage, outgoing: ServerResponse) => void,
): (incoming: IncomingMessage, outgoing: ServerResponse) => void {
  return (incoming, outgoing) => {
    if (
      incoming.headers.host === undefined &&
      incoming.httpVersionMinor === 1 &&
      incoming.httpVersionMajor === 1
    ) {
      outgoing.shouldKeepAlive = false
      outgoing.writeHead(400, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(missingHostBody),
        'cache-control': 'no-store',
        connection: 'close',
      })
      outgoing.end(missingHostBody)
      incoming.resume()
      return
    }
    listener(incoming, outgoing)
  }
}
