// At the drain's graceful timeout: end every open SSE response with its wire's error event, not a TCP reset.
import type { Server, ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import type { ClientApi } from '@gw/providers'
import { formatStreamError } from '@gw/providers/internal'
import { findRequestContext } from '../http/request-context.js'

/** What the client is told when its stream is cut by a shutdown. */
const shutdownMessage = 'shutting_down: the gateway is restarting and cut this stream; retry the request'

function apiOf(url: string | undefined): ClientApi {
  if (url?.startsWith('/v1/messages')) return 'anthropic-messages'
  if (url?.startsWith('/v1/responses')) return 'openai-responses'
  return 'openai-chat'
}

/**
 * An SSE response: a proxied route marks its context when the event stream starts (its headers
 * went out in one list, not through `setHeader`); any other response says so in `content-type`.
 */
function isEventStream(response: ServerResponse): boolean {
  if (findRequestContext(response.req)?.streaming === true) return true
  return String(response.getHeader('content-type') ?? '').includes('text/event-stream')
}

/** The open connections of a server, kept without any per-request work. */
export interface ConnectionTracker {
  /**
   * Writes the wire's terminal error event to every SSE response still streaming and ends it;
   * resolves once they flushed (or after `waitMs`) with how many were ended.
   */
  endOpenStreams(waitMs?: number): Promise<number>
}

/**
 * Tracks `server`'s connections (one listener per connection, nothing per request).
 *
 * @example
 * const tracker = trackConnections(server)
 * await tracker.endOpenStreams()
 * server.closeAllConnections()
 */
export function trackConnections(server: Server): ConnectionTracker {
  const sockets = new Set<Socket>()
  server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
  })
  return {
    async endOpenStreams(waitMs = 250) {
      const flushed: Promise<void>[] = []
      for (const socket of sockets) {
        // Node keeps the response being written on its socket; the same field answerClientError reads.
        const response = (socket as Socket & { _httpMessage?: ServerResponse })._httpMessage
        if (response === undefined || !response.headersSent || response.writableEnded) continue
        if (!isEventStream(response)) continue
        // A blank line first ends any event the cut left half-written.
        response.end(`\n\n${formatStreamError(apiOf(response.req.url), shutdownMessage)}`)
        flushed.push(new Promise((resolve) => response.once('finish', () => resolve())))
      }
      if (flushed.length > 0) {
        await Promise.race([Promise.all(flushed), new Promise((resolve) => setTimeout(resolve, waitMs))])
      }
      return flushed.length
    },
  }
}
