// The gateway's tracing: operator spans to OTEL_OTLP_ENDPOINT (sampled) and the customer trace bridge.

import { createRequire } from 'node:module'
import { createRequestSpanRecorder, type RequestSpanRecorder } from '@gw/otel'
import type { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http'
import type { resourceFromAttributes } from '@opentelemetry/resources'
import type { BasicTracerProvider, SpanExporter } from '@opentelemetry/sdk-trace-base'
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions'
import { createCustomerTraceBridge, type SendExport } from './create-customer-trace-bridge.js'
import { otlpTracesUrl } from './otlp-traces-url.js'
import { RoutedBatchProcessor } from './routed-batch-processor.js'

/** Options of {@link createGatewayTracing}: the hydrated OTEL_* config plus hooks. */
export interface GatewayTracingOptions {
  /** OTEL_OTLP_ENDPOINT; unset: no operator spans at all. */
  otlpEndpoint?: string | undefined
  /** OTEL_OTLP_HEADERS, sent on every operator export. */
  otlpHeaders?: Readonly<Record<string, string>>
  /** OTEL_SAMPLE_RATIO (resolved: 1 local, 0.1 elsewhere). */
  sampleRatio: number
  /** CUSTOMER_TRACE_BRIDGE_BASE_URL (resolved); unset: no customer spans. */
  customerBridgeBaseUrl?: string | undefined
  serviceVersion: string
  /** Spans dropped, by destination and reason. Default: ignore. */
  onDrop?: (
    count: number,
    destination: 'operator' | 'customer',
    reason: 'queue_full' | 'export_failed',
  ) => void
  /** A failure inside telemetry, swallowed. Default: ignore. */
  onError?: (error: unknown) => void
  /** Milliseconds a span waits at most before export. Default 1000. */
  scheduledDelayMs?: number
  /** Milliseconds one export may take, retries included. Default 10 000. */
  exportTimeoutMs?: number
  /** Builds the operator exporter (tests and benchmarks). Default: OTLP/HTTP JSON. */
  createExporter?: (url: string, headers: Record<string, string>) => SpanExporter
  /** Sends a customer export (tests and benchmarks). Default: an undici POST. */
  sendCustomerExport?: SendExport
}

/** What the gateway holds: the recorder its telemetry step calls, and the lifecycle. */
export interface GatewayTracing {
  /** Undefined when neither destination is configured: the telemetry step then returns at once. */
  readonly recordRequest: RequestSpanRecorder | undefined
  /**
   * True when operator spans are exported (`OTEL_OTLP_ENDPOINT`). Without them a request only has
   * a span when its key's project has an OTLP token, and the telemetry step skips the others.
   */
  readonly operatorSpans: boolean
  forceFlush(): Promise<void>
  /** Flushes both exports and closes the exporters, giving up after `timeoutMs` (default 5000). */
  shutdown(timeoutMs?: number): Promise<void>
}

const operatorRoute = 'operator'

const load = <T>(name: string): T => createRequire(import.meta.url)(name) as T

/**
 * Sets the tracer providers up, without registering process globals: the gateway hands its
 * tracer to the recorder explicitly, so two gateways in one process (tests) stay apart and no
 * auto-instrumentation runs on the hot path.
 *
 * @example
 * const tracing = createGatewayTracing({ otlpEndpoint: 'http://127.0.0.1:4318', sampleRatio: 0.1, serviceVersion: '1.0.0' })
 * tracing.recordRequest?.(facts)
 * await tracing.shutdown()
 */
export function createGatewayTracing(options: GatewayTracingOptions): GatewayTracing {
  const resourceAttributes = {
    [ATTR_SERVICE_NAME]: 'lw-gateway',
    [ATTR_SERVICE_VERSION]: options.serviceVersion,
  }
  const delay = options.scheduledDelayMs
  let operator: { provider: BasicTracerProvider; exporter: SpanExporter } | undefined
  if (options.otlpEndpoint !== undefined && options.otlpEndpoint !== '') {
    // The trace SDK, its resource and its OTLP exporter load here, with an OTLP endpoint only: in
    // every other gateway they cost ≈ 90 ms of start-up and several MiB for nothing. They are
    // CommonJS packages, which `require` loads synchronously (the same instances an import gets).
    const sdk = load<typeof import('@opentelemetry/sdk-trace-base')>('@opentelemetry/sdk-trace-base')
    const resource = load<{ resourceFromAttributes: typeof resourceFromAttributes }>(
      '@opentelemetry/resources',
    ).resourceFromAttributes(resourceAttributes)
    const createExporter =
      options.createExporter ??
      ((url, headers) =>
        new (load<{ OTLPTraceExporter: typeof OTLPTraceExporter }>(
          '@opentelemetry/exporter-trace-otlp-http',
        ).OTLPTraceExporter)({
          url,
          headers,
          timeoutMillis: options.exportTimeoutMs ?? 10_000,
          concurrencyLimit: 4,
        }))
    const exporter = createExporter(otlpTracesUrl(options.otlpEndpoint), { ...options.otlpHeaders })
    const processor = new RoutedBatchProcessor({
      routeOf: () => operatorRoute,
      exporterFor: () => exporter,
      ...(delay === undefined ? {} : { scheduledDelayMs: delay }),
      onDrop: (count, reason) => options.onDrop?.(count, 'operator', reason),
    })
    const sampler = new sdk.ParentBasedSampler({
      root: new sdk.TraceIdRatioBasedSampler(options.sampleRatio),
    })
    operator = {
      provider: new sdk.BasicTracerProvider({ sampler, resource, spanProcessors: [processor] }),
      exporter,
    }
  }
  const bridge =
    options.customerBridgeBaseUrl === undefined
      ? undefined
      : createCustomerTraceBridge({
          baseUrl: options.customerBridgeBaseUrl,
          resource: resourceAttributes,
          ...(delay === undefined ? {} : { scheduledDelayMs: delay }),
          ...(options.exportTimeoutMs === undefined ? {} : { exportTimeoutMs: options.exportTimeoutMs }),
          ...(options.sendCustomerExport === undefined ? {} : { send: options.sendCustomerExport }),
          onDrop: (count, reason) => options.onDrop?.(count, 'customer', reason),
        })
  const recordRequest =
    operator === undefined && bridge === undefined
      ? undefined
      : createRequestSpanRecorder({
          ...(operator === undefined ? {} : { operatorTracer: operator.provider.getTracer('@gw/gateway') }),
          ...(bridge === undefined ? {} : { customerSink: bridge }),
          ...(options.onError === undefined ? {} : { onError: options.onError }),
        })
  return {
    recordRequest,
    operatorSpans: operator !== undefined,
    async forceFlush() {
      await Promise.all([operator?.provider.forceFlush(), bridge?.forceFlush()])
    },
    async shutdown(timeoutMs = 5_000) {
      let timer: NodeJS.Timeout | undefined
      const flushed = Promise.allSettled([
        operator?.provider.shutdown().then(() => operator?.exporter.shutdown()),
        bridge?.shutdown(),
      ])
      // A dead collector must not hold the process past the drain window: give up, spans are lost.
      const gaveUp = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs)
        timer.unref()
      })
      await Promise.race([flushed, gaveUp])
      clearTimeout(timer)
    },
  }
}
