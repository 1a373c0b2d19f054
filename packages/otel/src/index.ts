// Public API of @gw/otel: Prometheus metrics of the gateway and OpenTelemetry span helpers (API only).
export { boundLabel, OTHER_LABEL } from './metrics/bound-label.js'
export type { GatewayMetrics, GatewayMetricsOptions } from './metrics/gateway-metrics.js'
export { createGatewayMetrics } from './metrics/gateway-metrics.js'
export type { HotHistogramOptions, HotLabels, HotMetricOptions } from './metrics/hot-metrics.js'
export { HotCounter, HotHistogram } from './metrics/hot-metrics.js'
export type { RateWindow, RateWindowOptions } from './metrics/rate-window.js'
export { createRateWindow } from './metrics/rate-window.js'
export type { DispatchMetricsFacts, DispatchUsage } from './metrics/record-dispatch-metrics.js'
export { FALLBACK_REASONS, recordDispatchMetrics } from './metrics/record-dispatch-metrics.js'
export { LANGWATCH_ATTRIBUTES, LANGWATCH_EVENTS } from './tracing/attribute-names.js'
export { buildCustomerAttributes, buildOperatorAttributes } from './tracing/build-span-attributes.js'
export { parseTraceparent } from './tracing/parse-traceparent.js'
export type {
  CustomerSpanSink,
  RequestSpanRecorder,
  RequestSpanRecorderOptions,
} from './tracing/record-request-spans.js'
export { createRequestSpanRecorder } from './tracing/record-request-spans.js'
export type {
  RequestTraceFacts,
  TraceAttempt,
  TraceBudgetDecision,
  TraceCustomerFacts,
  TraceGuardrailDecision,
  TraceKeyFacts,
  TraceRoutingDecision,
  TraceUsage,
} from './tracing/request-trace-facts.js'
