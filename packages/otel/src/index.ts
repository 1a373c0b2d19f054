// Public API of @gw/otel: Prometheus metrics of the gateway (tracing helpers join later).
export type { GatewayMetrics, GatewayMetricsOptions } from './metrics/gateway-metrics.js'
export { createGatewayMetrics } from './metrics/gateway-metrics.js'
export type { RateWindow, RateWindowOptions } from './metrics/rate-window.js'
export { createRateWindow } from './metrics/rate-window.js'
