// The control plane's Hono app: probes, the signed internal API and the admin API, one error envelope.
import { GatewayError } from '@gw/contract'
import type { HttpBindings } from '@hono/node-server'
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { createAdminRoutes } from './admin/admin-routes.js'
import { createConsoleRoutes } from './console/console-routes.js'
import { accessLog } from './http/access-log.js'
import { createErrorHandler, notFoundHandler } from './http/error-handler.js'
import { createInternalRoutes, type InternalRoutesOptions } from './internal/internal-routes.js'
import type { ControlPlaneDeps } from './shared/deps.js'
import { createOtelBridgeRoutes } from './traces/otel-bridge-routes.js'
import { createRecentSpans } from './traces/recent-spans.js'

/** Options for {@link createControlPlaneApp}. */
export interface ControlPlaneAppOptions extends InternalRoutesOptions {
  /** `CONTROL_PLANE_ADMIN_TOKEN`. */
  adminToken: string
  /** Largest accepted request body. Default: 4 MiB (a full spend-commands batch). */
  maxBodyBytes?: number
  /** `CONTROL_PLANE_CONSOLE_GATEWAY_URL`: the gateway URL the console tells key holders to use. */
  consoleGatewayUrl?: string
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
  const recentSpans = createRecentSpans()
  app.route('/api/otel', createOtelBridgeRoutes(deps, recentSpans))
  app.route('/api/admin', createAdminRoutes(deps, { token: options.adminToken, recentSpans }))
  app.route(
    '/console',
    createConsoleRoutes({
      fetch: (request, env) => app.fetch(request, env as HttpBindings),
      adminToken: options.adminToken,
      gatewayUrl: options.consoleGatewayUrl ?? 'http://localhost:5563',
    }),
  )
  app.onError(createErrorHandler(deps.logger))
  app.notFound(notFoundHandler)
  return app
}
