// The app's one onError and notFound: every failure leaves as the error envelope, never raw.

import type { ServerResponse } from 'node:http'
import { GatewayError, isGatewayError } from '@gw/contract'
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response'
import type { Context, ErrorHandler, NotFoundHandler } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { Logger } from 'pino'
import {
  type ErrorShape,
  errorShapeForPath,
  gatewayErrorResponse,
  writeGatewayError,
} from './error-response.js'
import type { GatewayEnv } from './gateway-env.js'
import { findRequestContext, type RequestContext } from './request-context.js'
import { type RouteTable, unmatchedRoute } from './route-table.js'

const codeByStatus: Record<number, GatewayError['code']> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  408: 'request_timeout',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  503: 'service_unavailable',
}

/**
 * Creates the onError handler: a GatewayError becomes its envelope, status and `Retry-After`;
 * a Hono HTTPException keeps its status; anything else is logged and answered as a 500
 * `internal_error` that names only the request id. Errors thrown after a proxied response has
 * started cannot change it: the connection is closed.
 *
 * @example
 * app.onError(createErrorHandler(logger))
 */
export function createErrorHandler(logger: Logger): ErrorHandler<GatewayEnv> {
  return (error, c) => {
    const context = findRequestContext(c.env.incoming)
    const log = context?.logger ?? logger
    if (c.env.outgoing.headersSent) {
      log.error({ err: error }, 'error_after_response_started')
      c.env.outgoing.destroy()
      return RESPONSE_ALREADY_SENT
    }
    return gatewayErrorResponse(toGatewayError(error, context?.requestId, log), errorShapeForPath(c.req.path))
  }
}

/**
 * The onError of a route the listener serves without Hono (a direct route): the same
 * answers as {@link createErrorHandler}, written to the Node response.
 *
 * @example
 * route.handle(incoming, outgoing, context).catch((error) => writeUnhandledError(error, outgoing, context, route.shape))
 */
export function writeUnhandledError(
  error: unknown,
  outgoing: ServerResponse,
  context: RequestContext,
  shape: ErrorShape,
): void {
  const log = context.logger
  if (outgoing.headersSent) {
    log.error({ err: error }, 'error_after_response_started')
    outgoing.destroy()
    return
  }
  writeGatewayError(outgoing, toGatewayError(error, context.requestId, log), shape)
}

function toGatewayError(error: unknown, requestId: string | undefined, log: Logger): GatewayError {
  if (isGatewayError(error)) {
    if (error.status >= 500)
      log.warn({ code: error.code, status: error.status, err: error }, 'request_failed')
    return error
  }
  if (error instanceof HTTPException && error.status < 500) {
    return new GatewayError(codeByStatus[error.status] ?? 'bad_request', error.message || 'Bad request', {
      status: error.status,
    })
  }
  log.error({ err: error }, 'unhandled_error')
  const reference = requestId === undefined ? '' : ` (request id ${requestId})`
  return new GatewayError('internal_error', `Internal error${reference}; the gateway logged the details`)
}

/**
 * Creates the notFound handler: 405 `method_not_allowed` with `Allow` when another method
 * serves the path, otherwise 404 `not_found` naming the method and path.
 *
 * @example
 * app.notFound(createUnknownRouteHandler(() => routeTable))
 */
export function createUnknownRouteHandler(getRouteTable: () => RouteTable): NotFoundHandler<GatewayEnv> {
  return (c: Context<GatewayEnv>) => {
    const context = findRequestContext(c.env.incoming)
    if (context !== undefined) context.route = unmatchedRoute
    const { method, path } = c.req
    const shape = errorShapeForPath(path)
    const allowed = getRouteTable().allowedMethods(path)
    if (allowed.length === 0) {
      return gatewayErrorResponse(new GatewayError('not_found', `No route for ${method} ${path}`), shape)
    }
    const response = gatewayErrorResponse(
      new GatewayError(
        'method_not_allowed',
        `${method} is not allowed on ${path}; use ${allowed.join(', ')}`,
        {
          meta: { allowed_methods: allowed },
        },
      ),
      shape,
    )
    response.headers.set('allow', allowed.join(', '))
    return response
  }
}
