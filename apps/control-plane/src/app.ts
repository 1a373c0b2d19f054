// The control plane's Hono app: probes, the signed internal API and the admin API, one error envelope.
import { GatewayError } from '@gw/contract'
import type { HttpBindings } from '@hono/node-server'
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { createAdminRoutes } from './admin/admin-routes.js'
import { accessLog } from './http/access-log.js'
import { createErrorHandler, notFoundHandler } from './http/error-handler.js'
import { createInternalRoutes, type InternalRoutesOptions } from './internal/internal-routes.js'
import type { ControlPlaneDeps } from './shared/deps.js'

/** Options for {@link createControlPlaneApp}. */
export interface ControlPlaneAppOptions extends InternalRoutesOptions {
  /** `CONTROL_PLANE_ADMIN_TOKEN`. */
  adminToken: string
  /** Largest accepted request body. Default: 4 MiB (a full spend-commands batch). */
  maxBodyBytes?: number
  /** Reported by /healthz. */
  version?: string
}

/**
 * Builds the app; serve it with `@hono/node-server`.
 *
 * @example
 * serve({ fetch: createControlPlaneApp(deps, options).fetch, port: 5560 })
 */
export function createControlPlaneApp(
  deps: ControlPlaneDeps,
  options: ControlPlaneAppOptions,
): Hono<{ Bindings: HttpBindings }> {
  const app = new Hono<{ Bindings: HttpBindings }>()
  app.use('*', accessLog(deps.logger))
  const maxBodyBytes = options.maxBodyBytes ?? 4 * 1024 * 1024
  app.use(
    '*',
    bodyLimit({
      maxSize: maxBodyBytes,
      onError: () => {
        throw new GatewayError('payload_too_large', `Request body is larger than ${maxBodyBytes} bytes`, {
          meta: { max_bytes: maxBodyBytes },
        })
      },
    }),
  )
  app.get('/healthz', (c) => c.json({ status: 'ok', version: options.version ?? '0.1.0' }))
  app.route('/api/internal/gateway', createInternalRoutes(deps, options))
  app.route('/api/admin', createAdminRoutes(deps, { token: options.adminToken }))
  app.onError(createErrorHandler(deps.logger))
  app.notFound(notFoundHandler)
  return app
}
