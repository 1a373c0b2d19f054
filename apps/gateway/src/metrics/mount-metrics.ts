// GET /metrics: the Prometheus exposition of the gateway's registry.
import type { GatewayMetrics } from '@gw/otel'
import type { Hono } from 'hono'
import type { GatewayEnv } from '../http/gateway-env.js'

/**
 * Mounts `/metrics` (GET and HEAD). Never public: the chart exposes only `/v1` via Ingress.
 *
 * @example
 * mountMetrics(app, createGatewayMetrics())
 */
export function mountMetrics(app: Hono<GatewayEnv>, metrics: GatewayMetrics): void {
  app.get('/metrics', async (c) =>
    c.body(await metrics.scrape(), 200, { 'content-type': metrics.contentType }),
  )
}
