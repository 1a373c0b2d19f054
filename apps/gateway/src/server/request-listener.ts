// The Node request listener around the Hono app: request id, no-store, metrics and access log.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { GatewayError } from '@gw/contract'
import type { GatewayMetrics } from '@gw/otel'
import { getRequestListener, RequestError } from '@hono/node-server'
import type { Hono } from 'hono'
import type { Logger } from 'pino'
import { type DirectRoutes, directRouteFor } from '../http/direct-routes.js'
import { writeUnhandledError } from '../http/error-handler.js'
import { gatewayErrorResponse } from '../http/error-response.js'
import type { GatewayEnv } from '../http/gateway-env.js'
import { setOwnHeaders } from '../http/gateway-response.js'
import {
  attachRequestContext,
  findRequestContext,
  RequestContext,
  type RequestContextShared,
} from '../http/request-context.js'
import { acceptRequestId, createRequestIdGenerator } from '../http/request-id.js'
import type { RouteTable } from '../http/route-table.js'
import type { LifecycleState } from '../lifecycle/lifecycle-state.js'
import { type AccessLogEntry, writeAccessLog } from '../logging/access-log.js'
import type { LoadShedder } from './load-shedder.js'

/** Options of {@link createGatewayRequestListener}. */
export interface GatewayRequestListenerOptions {
  app: Hono<GatewayEnv>
  /** Route lookups, read when a response closes (after every route is registered). */
  routeTable: () => RouteTable
  logger: Logger
  metrics: GatewayMetrics
  lifecycle: LifecycleState
  /** Request id source. Default `req_<monotonic ULID>`. */
  nextRequestId?: () => string
  /** Caps the /v1 requests held at once (SERVER_MAX_INFLIGHT_REQUESTS). Default: no cap. */
  shedder?: LoadShedder
  /** Exact-path POST routes served without Hono (filled when the routes are mounted). Default none. */
  directRoutes?: DirectRoutes
  /** Called after every response closes; the drain closes idle connections there. */
  onResponseClosed?: () => void
}

/** The listener and the count of requests it is handling. */
export interface GatewayRequestListener {
  listener: (incoming: IncomingMessage, outgoing: ServerResponse) => void
  inFlight(): number
}

/**
 * Wraps the Hono app in a Node listener that does the per-request work every route needs,
 * all before Hono runs and without web streams: the request id and `Cache-Control: no-store`
 * become the response's own headers (see `GatewayResponse`), written together with whatever
 * `writeHead` writes later — a Hono `Response` or a proxied route's own `writeHead` followed by
 * `RESPONSE_ALREADY_SENT` — in one pass. Metrics and the access line are written when the
 * response closes.
 *
 * @example
 * const { listener } = createGatewayRequestListener({ app, routeTable, logger, metrics, lifecycle })
 * http.createServer(listener).listen(5563)
 */
export function createGatewayRequestListener(options: GatewayRequestListenerOptions): GatewayRequestListener {
  const { metrics, logger, lifecycle, onResponseClosed, shedder } = options
  const directRoutes: DirectRoutes = options.directRoutes ?? new Map()
  // The adapter refuses some requests before Hono runs (a bad Host header, an invalid absolute
  // URL); those get the envelope too instead of its empty 400.
  const answerAdapterError = (error: unknown): Response => {
    if (error instanceof RequestError) {
      return gatewayErrorResponse(
        new GatewayError('bad_request', `Malformed request: ${error.message}`),
        'openai',
      )
    }
    logger.error({ err: error }, 'unhandled_error')
    return gatewayErrorResponse(
      new GatewayError('internal_error', 'Internal error; the gateway logged the details'),
      'openai',
    )
  }
  const honoListener = getRequestListener(options.app.fetch, { errorHandler: answerAdapterError })
  const nextRequestId = options.nextRequestId ?? createRequestIdGenerator()
  const shared: RequestContextShared = { logger, onStreamingStart: () => metrics.streamingActive.inc() }
  let inFlight = 0

  function onResponseClose(this: ServerResponse): void {
    inFlight--
    const incoming = this.req
    const context = findRequestContext(incoming)!
    const durationMs = performance.now() - context.startedAt
    const method = incoming.method ?? 'GET'
    const url = incoming.url ?? '/'
    const queryStart = url.indexOf('?')
    const path = queryStart === -1 ? url : url.slice(0, queryStart)
    const route = context.route ?? options.routeTable().routeOf(method, path)
    // 499 (as nginx logs it): the client left before any response was written.
    const status = this.headersSent ? this.statusCode : 499
    metrics.inFlightRequests.dec()
    if (context.streaming) metrics.streamingActive.dec()
    const bytes = (incoming.socket?.bytesWritten ?? 0) - context.socketBytesBefore
    const entry = { method, path, route, status, durationMs, bytes, aborted: !this.writableFinished }
    // A client that left mid-request closes the response before the route recorded provider and
    // tokens: the line then waits for them (the route always calls recorded()).
    if (context.recording) context.afterRecorded(() => recordRequest(context, entry))
    else recordRequest(context, entry)
    onResponseClosed?.()
    context.responseClosed()
  }

  function recordRequest(context: RequestContext, entry: AccessLogEntry): void {
    const { route, method, durationMs } = entry
    // Released once the route recorded its result: a client that left early frees no memory before that.
    if (context.admitted) shedder!.release()
    const status = entry.status
    metrics.httpRequests.inc({
      route,
      method,
      status: String(status),
      provider: context.provider ?? '',
      model: context.model ?? '',
    })
    metrics.httpRequestDuration.observe({ route, method }, durationMs / 1000)
    writeAccessLog(logger, context, entry)
  }

  return {
    inFlight: () => inFlight,
    listener(incoming, outgoing) {
      const startedAt = performance.now()
      const requestId = acceptRequestId(incoming.headers['x-request-id']) ?? nextRequestId()
      const context = new RequestContext(requestId, startedAt, outgoing, shared)
      attachRequestContext(incoming, context)
      // While draining, every response tells the client not to reuse the connection.
      const own = ['x-request-id', requestId, 'cache-control', 'no-store']
      if (lifecycle.draining) own.push('connection', 'close')
      setOwnHeaders(outgoing, own)
      inFlight++
      metrics.inFlightRequests.inc()
      metrics.requestRate.record()
      outgoing.on('close', onResponseClose)
      context.wireClose()
      if (shedder !== undefined) {
        const admission = shedder.admit(incoming, outgoing)
        if (admission === 'shed') return
        if (admission === 'admitted') context.admitted = true
      }
      const direct = directRouteFor(directRoutes, incoming)
      if (direct === undefined) {
        void honoListener(incoming, outgoing)
        return
      }
      // The proxied routes skip Hono: no URL object, request or context to build per request.
      context.route = incoming.url
      direct
        .handle(incoming, outgoing, context)
        .catch((error: unknown) => writeUnhandledError(error, outgoing, context, direct.shape))
    },
  }
}
