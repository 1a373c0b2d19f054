// What the "trace request" step uses: the span recorder built from the OTEL_* config, and the metrics.
import type { GatewayMetrics, RequestSpanRecorder } from '@gw/otel'
import type { Logger } from 'pino'
import type { GatewayConfig } from '../config.js'
import { gatewayVersion } from '../version.js'
import { createGatewayTracing, type GatewayTracing } from './create-gateway-tracing.js'

/** The step's collaborators plus the tracing lifecycle. */
export interface RequestTelemetry {
  /** Undefined when no trace destination is configured. */
  readonly recordSpans: RequestSpanRecorder | undefined
  readonly metrics: GatewayMetrics
  readonly tracing: GatewayTracing
}

/**
 * Builds the request telemetry from the hydrated config: OTEL_OTLP_ENDPOINT, OTEL_OTLP_HEADERS,
 * OTEL_SAMPLE_RATIO, CUSTOMER_TRACE_BRIDGE_BASE_URL. Dropped spans are counted in
 * `gateway_otel_spans_dropped_total`; a failure inside telemetry is logged at debug, never thrown.
 *
 * @example
 * const telemetry = createRequestTelemetry(config, { logger, metrics })
 * await telemetry.tracing.shutdown()
 */
export function createRequestTelemetry(
  config: GatewayConfig,
  options: { logger: Logger; metrics: GatewayMetrics },
): RequestTelemetry {
  const { logger, metrics } = options
  const tracing = createGatewayTracing({
    otlpEndpoint: config.otel.otlpEndpoint,
    otlpHeaders: config.otel.otlpHeaders,
    sampleRatio: config.otel.sampleRatio,
    customerBridgeBaseUrl: config.customerTraceBridgeBaseUrl,
    serviceVersion: gatewayVersion,
    onDrop: (count, destination, reason) => metrics.otelSpansDropped.inc({ destination, reason }, count),
    onError: (error) => logger.debug({ err: error }, 'telemetry_failed'),
  })
  return { recordSpans: tracing.recordRequest, metrics, tracing }
}
