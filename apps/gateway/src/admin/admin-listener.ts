// Node listener for the admin app: no-store, a request id, and an audit line per request.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { getRequestListener } from '@hono/node-server'
import type { Hono } from 'hono'
import type { Logger } from 'pino'
import type { GatewayEnv } from '../http/gateway-env.js'
import { createRequestIdGenerator } from '../http/request-id.js'

/**
 * Wraps the admin app. Every admin request is logged at info as `admin_access` (method, path
 * without query, status, duration): the admin surface is rare and worth an audit trail.
 *
 * @example
 * createHttpServer(createAdminListener(adminApp, logger), limits)
 */
export function createAdminListener(
  app: Hono<GatewayEnv>,
  logger: Logger,
): (incoming: IncomingMessage, outgoing: ServerResponse) => void {
  const listener = getRequestListener(app.fetch)
  const nextRequestId = createRequestIdGenerator()
  return (incoming, outgoing) => {
    const startedAt = performance.now()
    const requestId = nextRequestId()
    outgoing.setHeader('x-request-id', requestId)
    outgoing.setHeader('cache-control', 'no-store')
    outgoing.once('close', () => {
      logger.info(
        {
          request_id: requestId,
          method: incoming.method,
          path: (incoming.url ?? '/').split('?')[0],
          status: outgoing.headersSent ? outgoing.statusCode : 499,
          duration_ms: Math.round(performance.now() - startedAt),
        },
        'admin_access',
      )
    })
    void listener(incoming, outgoing)
  }
}
