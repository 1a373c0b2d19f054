// Closes a connection whose request body was refused unread, lingering briefly so the client gets the answer.
import type { IncomingMessage, ServerResponse } from 'node:http'

/** Options of {@link closeAfterResponse}. */
export interface CloseAfterResponseOptions {
  /** Longest time to keep discarding upload bytes after the response. Default 1000 ms. */
  lingerMs?: number
  /** Most upload bytes discarded after the response before closing hard. Default 1 MiB. */
  lingerBytes?: number
}

/**
 * Marks the response `Connection: close` and, once it is sent, half-closes the socket and
 * discards what the client is still uploading for at most `lingerMs` / `lingerBytes` before
 * destroying it. Closing at once is not enough: a socket closed with unread upload bytes
 * sends a TCP RST, and a client that has not read the response yet loses it.
 *
 * @example
 * closeAfterResponse(incoming, outgoing) // then answer 413
 */
export function closeAfterResponse(
  incoming: IncomingMessage,
  response: ServerResponse,
  { lingerMs = 1_000, lingerBytes = 1024 * 1024 }: CloseAfterResponseOptions = {},
): void {
  if (!response.headersSent) response.setHeader('connection', 'close')
  response.once('finish', () => {
    const socket = incoming.socket
    if (socket === null || socket.destroyed) return
    // Node's `Connection: close` handling destroys the socket right after the FIN is written.
    socket.removeListener('finish', socket.destroy)
    socket.end()
    const timer = setTimeout(() => socket.destroy(), lingerMs)
    timer.unref()
    socket.once('close', () => clearTimeout(timer))
    let discarded = 0
    incoming.on('data', (chunk: Buffer) => {
      discarded += chunk.length
      if (discarded > lingerBytes) socket.destroy()
    })
    incoming.resume()
  })
}
