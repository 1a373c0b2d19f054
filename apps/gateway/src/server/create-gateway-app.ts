// Builds the gateway's Hono app: probes, /metrics, the routes mounted by later code, errors.
import type { GatewayMetrics } from '@gw/otel'
import { Hono } from 'hono'
import type { Logger } from 'pino'
import type { GatewayConfig } from '../config.js'
import type { DirectRoutes } from '../http/direct-routes.js'
import { createErrorHandler, createUnknownRouteHandler } from '../http/error-handler.js'
import type { GatewayEnv } from '../http/gateway-env.js'
import { createRouteTable, type RouteTable } from '../http/route-table.js'
import type { LifecycleState } from '../lifecycle/lifecycle-state.js'
import { mountMetrics } from '../metrics/mount-metrics.js'
import { mountProbes } from '../probes/mount-probes.js'
import { gatewayVersion } from '../version.js'

/** What route modules get to build their handlers (read once, at mount time). */
export interface GatewayRouteContext {
  /**
   * Exact-path POST routes the Node listener may serve without Hono (they are mounted on the
   * app too, which serves them when the listener does not: a query string, an unusual Host).
   */
  directRoutes: DirectRoutes
  config: GatewayConfig
  logger: Logger
  metrics: GatewayMetrics
  lifecycle: LifecycleState
}

/**
 * Mounts routes on the gateway app — the extension point for `/v1/*`. Handlers read bodies with
 * `readRequestBody(c.env.incoming, …)`, fill `getRequestContext(c)` for logs and metrics, and
 * either return a Hono response or write `c.env.outgoing` and return `RESPONSE_ALREADY_SENT`.
 */
export type GatewayRoutes = (app: Hono<GatewayEnv>, context: GatewayRouteContext) => void

/** Dependencies of {@link createGatewayApp}. */
export interface GatewayAppDependencies extends Omit<GatewayRouteContext, 'directRoutes'> {
  /** Filled by route modules; pass the listener's map. Default: a map nobody reads. */
  directRoutes?: DirectRoutes
  /** Route modules, mounted in order after the probes and /metrics. Default none. */
  routes?: GatewayRoutes | readonly GatewayRoutes[]
}

/**
 * Creates the app. Unknown paths answer 404 `not_found`, known paths with another method 405
 * `method_not_allowed` with `Allow`; every error leaves through one onError as the envelope.
 * No middleware is registered: per-request work lives in the Node listener, so proxied
 * routes keep Hono's single-handler fast path.
 *
 * @example
 * const app = createGatewayApp({ config, logger, metrics, lifecycle, routes: mountChatRoutes })
 */
export function createGatewayApp(dependencies: GatewayAppDependencies): Hono<GatewayEnv> {
  const { routes = [], directRoutes = new Map(), ...rest } = dependencies
  const context: GatewayRouteContext = { ...rest, directRoutes }
  const app = new Hono<GatewayEnv>()
  let routeTable: RouteTable | undefined
  mountProbes(app, { lifecycle: context.lifecycle, version: gatewayVersion })
  mountMetrics(app, context.metrics)
  for (const mount of Array.isArray(routes) ? routes : [routes]) (mount as GatewayRoutes)(app, context)
  app.notFound(createUnknownRouteHandler(() => (routeTable ??= createRouteTable(app))))
  app.onError(createErrorHandler(context.logger))
  return app
}
