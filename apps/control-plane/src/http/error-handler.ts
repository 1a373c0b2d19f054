// One onError for both APIs: GatewayError → its envelope and status; anything else → 500 without details.
import { type GatewayError, isGatewayError, toErrorEnvelope } from '@gw/contract'
import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { Logger } from '../shared/logger.js'

/**
 * Builds the error handler. Unexpected errors are logged with their message and stack
 * (never request data) and answered with a generic 500.
 *
 * @example
 * app.onError(createErrorHandler(logger))
 */
export function createErrorHandler(logger: Logger): (error: Error, c: Context) => Response {
  return (error, c) => {
    if (isGatewayError(error)) {
      const gatewayError = error as GatewayError
      if (gatewayError.status >= 500) {
        logger.error({ code: gatewayError.code, err: gatewayError }, 'request failed')
      }
      if (gatewayError.retryAfter !== undefined) c.header('Retry-After', String(gatewayError.retryAfter))
      return c.json(gatewayError.toEnvelope(), gatewayError.status as ContentfulStatusCode)
    }
    logger.error({ err: error, path: c.req.path }, 'unhandled error')
    return c.json(toErrorEnvelope('internal_error', 'Internal error'), 500)
  }
}

/** The 404 for unknown routes, in the envelope. */
export function notFoundHandler(c: Context): Response {
  return c.json(toErrorEnvelope('not_found', `No route ${c.req.method} ${c.req.path}`), 404)
}
