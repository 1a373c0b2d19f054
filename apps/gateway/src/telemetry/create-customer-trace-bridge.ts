// Per-tenant customer spans: always sampled, exported to the trace bridge with each project's token.

import type { CustomerSpanSink } from '@gw/otel'
import type { Context, Span, SpanOptions } from '@opentelemetry/api'
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http'
import type { Resource } from '@opentelemetry/resources'
import { AlwaysOnSampler, BasicTracerProvider, type SpanExporter } from '@opentelemetry/sdk-trace-base'
import { RoutedBatchProcessor, type RoutedBatchProcessorOptions } from './routed-batch-processor.js'

/** Options of {@link createCustomerTraceBridge}. */
export interface CustomerTraceBridgeOptions {
  /** CUSTOMER_TRACE_BRIDGE_BASE_URL (default LW_GATEWAY_BASE_URL); spans go to `<base>/api/otel/v1/traces`. */
  baseUrl: string
  resource: Resource
  /** Projects with an exporter at once (least recently used ones are closed). Default 256. */
  maxTenants?: number
  /** Queue and batch sizes, drop hook. */
  batch?: Pick<RoutedBatchProcessorOptions, 'maxQueueSize' | 'maxBatchSize' | 'scheduledDelayMs' | 'onDrop'>
  /** Milliseconds one export may take. Default 10 000. */
  exportTimeoutMs?: number
  /** Builds a tenant's exporter (tests). Default: OTLP/HTTP JSON with `X-Auth-Token`. */
  createExporter?: (url: string, headers: Record<string, string>) => SpanExporter
}

/** The customer span sink plus its lifecycle. */
export interface CustomerTraceBridge extends CustomerSpanSink {
  forceFlush(): Promise<void>
  shutdown(): Promise<void>
}

/**
 * Creates the bridge. Each customer span is tagged with its project's token in a WeakMap (the
 * token is never a span attribute); at export the spans are grouped by token and sent with
 * `X-Auth-Token: <project_otlp_token>`, one exporter per project, at most `maxTenants` kept.
 *
 * @example
 * const bridge = createCustomerTraceBridge({ baseUrl: 'http://control-plane:5560', resource })
 * createRequestSpanRecorder({ customerSink: bridge })
 */
export function createCustomerTraceBridge(options: CustomerTraceBridgeOptions): CustomerTraceBridge {
  const url = `${options.baseUrl.replace(/\/+$/, '')}/api/otel/v1/traces`
  const maxTenants = options.maxTenants ?? 256
  const timeoutMillis = options.exportTimeoutMs ?? 10_000
  const createExporter =
    options.createExporter ??
    ((exportUrl, headers) =>
      new OTLPTraceExporter({ url: exportUrl, headers, timeoutMillis, concurrencyLimit: 4 }))
  const tokens = new WeakMap<object, string>()
  const exporters = new Map<string, SpanExporter>()
  const closing = new Set<Promise<void>>()

  function exporterFor(token: string): SpanExporter {
    let exporter = exporters.get(token)
    if (exporter !== undefined) {
      exporters.delete(token)
      exporters.set(token, exporter)
      return exporter
    }
    exporter = createExporter(url, { 'X-Auth-Token': token })
    exporters.set(token, exporter)
    if (exporters.size > maxTenants) {
      const [oldest, evicted] = exporters.entries().next().value as [string, SpanExporter]
      exporters.delete(oldest)
      const closed = evicted.shutdown().catch(() => {})
      closing.add(closed)
      void closed.finally(() => closing.delete(closed))
    }
    return exporter
  }

  const processor = new RoutedBatchProcessor({
    ...options.batch,
    routeOf: (span) => tokens.get(span),
    exporterFor,
  })
  const provider = new BasicTracerProvider({
    sampler: new AlwaysOnSampler(),
    resource: options.resource,
    spanProcessors: [processor],
  })
  const tracer = provider.getTracer('@gw/gateway/customer')

  return {
    startSpan(token: string, name: string, spanOptions: SpanOptions, parent: Context): Span {
      const span = tracer.startSpan(name, spanOptions, parent)
      tokens.set(span, token)
      return span
    },
    forceFlush: () => processor.forceFlush(),
    async shutdown() {
      await provider.shutdown()
      await Promise.allSettled([...exporters.values()].map((exporter) => exporter.shutdown()))
      await Promise.allSettled([...closing])
      exporters.clear()
    },
  }
}
