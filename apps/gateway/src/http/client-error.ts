// Answers requests Node's parser refuses (oversized heads, timeouts, malformed HTTP) with our envelope.
import { STATUS_CODES } from 'node:http'
import type { Duplex } from 'node:stream'
import { type ErrorCode, toErrorEnvelope } from '@gw/contract'

const answers: Record<string, { status: number; code: ErrorCode; message: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    code: 'bad_request',
    message: 'Request headers are larger than SERVER_MAX_HEADER_BYTES allows',
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    code: 'request_timeout',
    message: 'The request was not received within SERVER_READ_HEADER_TIMEOUT / SERVER_READ_TIMEOUT',
  },
}
const malformed = { status: 400, code: 'bad_request' as const, message: 'Malformed HTTP request' }

/**
 * The server's `clientError` listener: writes a `Connection: close` JSON error envelope when
 * nothing was sent on the socket yet, then closes it (Node's default sends an empty body).
 *
 * @example
 * server.on('clientError', answerClientError)
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  const response = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage
  if (error.code === 'ECONNRESET' || !socket.writable || response?.headersSent) {
    socket.destroy()
    return
  }
  const { status, code, message } = answers[error.code ?? ''] ?? malformed
  const body = JSON.stringify(toErrorEnvelope(code, message))
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
      'content-type: application/json; charset=utf-8\r\n' +
      `content-length: ${Buffer.byteLength(body)}\r\n` +
      'cache-control: no-store\r\nconnection: close\r\n\r\n' +
      body,
  )
}
