// The Node HTTP server with the slowloris timeouts and header cap from config; no write timeout.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { answerClientError } from '../http/client-error.js'
import { GatewayResponse } from '../http/gateway-response.js'
import { answerConnect, requireHost } from './protocol-guards.js'

/** Server limits, from SERVER_* variables (the admin listener uses the same). */
export interface HttpServerLimits {
  /** Time to receive the request headers (SERVER_READ_HEADER_TIMEOUT). */
  readHeaderTimeoutMs: number
  /** Time to receive the whole request, body included (SERVER_READ_TIMEOUT); 0 disables. */
  readTimeoutMs: number
  /** Keep-alive idle time between requests (SERVER_IDLE_TIMEOUT). */
  idleTimeoutMs: number
  /** Largest request head (SERVER_MAX_HEADER_BYTES); bigger heads get 431. */
  maxHeaderBytes: number
}

/**
 * Creates the server. Node's `requestTimeout` covers receiving the request only (it stops once
 * the request is complete), so long SSE responses are never cut; there is deliberately no
 * response/write timeout (per-chunk deadlines belong to the upstream dispatcher). Requests
 * Node refuses before they reach a handler (431, 408, malformed) get the JSON error envelope.
 *
 * @example
 * const server = createHttpServer(listener, { readHeaderTimeoutMs: 5_000, readTimeoutMs: 60_000, idleTimeoutMs: 120_000, maxHeaderBytes: 65_536 })
 */
export function createHttpServer(
  listener: (incoming: IncomingMessage, outgoing: ServerResponse) => void,
  limits: HttpServerLimits,
): Server {
  const shortest = Math.min(limits.readHeaderTimeoutMs, limits.readTimeoutMs || Number.POSITIVE_INFINITY)
  const server = createServer(
    {
      headersTimeout: limits.readHeaderTimeoutMs,
      requestTimeout: limits.readTimeoutMs,
      maxHeaderSize: limits.maxHeaderBytes,
      // Node checks the two timeouts on this interval (default 30 s); a fifth of the shortest
      // keeps enforcement within ~20 % of the configured value.
      connectionsCheckingInterval: Math.min(5_000, Math.max(100, Math.floor(shortest / 5))),
      // Checked by requireHost, which answers with our envelope instead of an empty 400.
      requireHostHeader: false,
      // Headers the gateway adds are written in writeHead's one pass (see GatewayResponse).
      ServerResponse: GatewayResponse,
    },
    requireHost(listener),
  )
  server.keepAliveTimeout = limits.idleTimeoutMs
  server.timeout = 0
  server.on('clientError', answerClientError)
  server.on('connect', answerConnect)
  return server
}

/**
 * Binds `server` and resolves with the bound port (useful with port 0).
 *
 * @example
 * const port = await listen(server, '127.0.0.1', 0)
 */
export function listen(server: Server, host: string | undefined, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error)
    server.once('error', onError)
    server.listen({ host, port }, () => {
      server.off('error', onError)
      const address = server.address()
      resolve(typeof address === 'object' && address !== null ? address.port : port)
    })
  })
}
