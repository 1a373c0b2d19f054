// Middleware: one JSON access line per request (method, path, status, duration); never headers or bodies.
import type { MiddlewareHandler } from 'hono'
import type { Logger } from '../shared/logger.js'

/**
 * Builds the access logger. Probes log at debug so they do not drown the rest.
 *
 * @example
 * app.use('*', accessLog(logger))
 */
export function accessLog(logger: Logger): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now()
    await next()
    const line = {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      duration_ms: Math.round((performance.now() - started) * 10) / 10,
    }
    if (c.req.path === '/healthz' || c.req.path.endsWith('/health')) logger.debug(line, 'request')
    else logger.info(line, 'request')
  }
}
