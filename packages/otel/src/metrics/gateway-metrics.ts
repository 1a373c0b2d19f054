// The gateway's Prometheus metrics: one registry with every metric declared once, bounded labels.
import { Counter, collectDefaultMetrics, Gauge, Registry } from 'prom-client'
import { HotCounter, HotHistogram } from './hot-metrics.js'
import { createRateWindow, type RateWindow } from './rate-window.js'

/** Options of {@link createGatewayMetrics}. */
export interface GatewayMetricsOptions {
  /** Registry to declare the metrics in. Default: a new one (tests get isolated registries). */
  registry?: Registry
  /** Also export Node process metrics (CPU, memory, event loop, GC). Default true. */
  collectProcessMetrics?: boolean
  /** Seconds `lw_gateway_rps` is averaged over. Default 10. */
  rpsWindowSeconds?: number
  /** Clock in milliseconds for the rate window. Default `performance.now`. */
  now?: () => number
  /** Labels added to every series (e.g. `{ pod: 'gw-a' }`). Default none. */
  defaultLabels?: Record<string, string>
}

/** Every metric the gateway exports, declared once. */
export interface GatewayMetrics {
  readonly registry: Registry
  /** Label values: `route` = matched route pattern (never a raw path), `status` = numeric code. */
  readonly httpRequests: HotCounter<'route' | 'method' | 'status' | 'provider' | 'model'>
  readonly httpRequestDuration: HotHistogram<'route' | 'method'>
  readonly inFlightRequests: Gauge
  /** Requests refused before any work to bound memory; `reason` = `in_flight_cap`. */
  readonly requestsShed: Counter<'reason'>
  readonly streamingActive: Gauge
  /** 1 while the process drains after SIGTERM, else 0. */
  readonly draining: Gauge
  /** Feeds `lw_gateway_rps`; call `record()` once per request. */
  readonly requestRate: RateWindow
  readonly providerDuration: HotHistogram<'provider'>
  readonly fallbackEvents: Counter<'provider' | 'reason'>
  /** 0 closed, 1 half-open, 2 open. */
  readonly circuitState: Gauge<'provider_id'>
  readonly authCacheEvents: Counter<'event'>
  /** `gateway_auth_cache_entries`, read at scrape time from the reader given here. */
  observeAuthCacheSize(read: () => number): void
  readonly budgetBlocks: Counter<'scope'>
  /** Requests whose budgets and limits were taken in process because Redis could not be reached. */
  readonly budgetStoreFallbacks: Counter<'mode'>
  readonly guardrailVerdicts: Counter<'direction' | 'verdict'>
  /** Routing decisions by strategy: none, fallback_all, weighted, least_latency, least_busy, sticky. */
  readonly routingDecisions: Counter<'strategy'>
  /** Requests the response cache looked at: `hit`, `miss`, `refresh` (forced miss), `bypass` (header). */
  readonly responseCacheRequests: Counter<'result'>
  /**
   * `gateway_response_cache_bytes` / `_entries`, read at scrape time from the reader given here
   * (the in-process store; not exported with a shared Redis store).
   */
  observeResponseCacheSize(read: () => { bytes: number; entries: number }): void
  /** Tokens by provider type and kind (`input`, `output`, `cache_read`, `cache_write`, `reasoning`). */
  readonly tokens: HotCounter<'provider' | 'type'>
  /** Cost at catalogue prices, in USD, by provider type. */
  readonly spendUsd: HotCounter<'provider'>
  /** Spans not exported: `destination` operator|customer, `reason` queue_full|export_failed. */
  readonly otelSpansDropped: Counter<'destination' | 'reason'>
  /** The exposition text of every metric in the registry. */
  scrape(): Promise<string>
  /** The `Content-Type` of {@link scrape}'s text. */
  readonly contentType: string
}

// prom-client names these gauges *_total, which Prometheus reserves for counters (promtool
// fails the scrape on them); the per-type gauges without the suffix carry the same numbers.
const gaugesNamedLikeCounters = [
  'nodejs_active_handles_total',
  'nodejs_active_requests_total',
  'nodejs_active_resources_total',
]

function collectProcessMetrics(registry: Registry): void {
  collectDefaultMetrics({ register: registry })
  for (const name of gaugesNamedLikeCounters) registry.removeSingleMetric(name)
}

// Seconds; spans a sub-millisecond probe to a two-minute stream.
const requestBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120]

/**
 * Creates the gateway's metrics in one registry. Metric names and labels are a public contract
 * (dashboards, the HPA's `lw_gateway_rps`): change them only with a changelog entry.
 *
 * @example
 * const metrics = createGatewayMetrics()
 * metrics.httpRequests.inc({ route: '/v1/chat/completions', method: 'POST', status: '200', provider: 'openai', model: 'gpt-4o' })
 * const text = await metrics.scrape()
 */
export function createGatewayMetrics(options: GatewayMetricsOptions = {}): GatewayMetrics {
  const registry = options.registry ?? new Registry()
  if (options.defaultLabels !== undefined) registry.setDefaultLabels(options.defaultLabels)
  if (options.collectProcessMetrics ?? true) collectProcessMetrics(registry)
  const registers = [registry]
  let readAuthCacheSize: (() => number) | undefined
  new Gauge({
    name: 'gateway_auth_cache_entries',
    help: 'Virtual keys held in the auth cache',
    registers,
    collect() {
      // Telemetry never fails a scrape: a reader that throws leaves the last value.
      try {
        if (readAuthCacheSize !== undefined) this.set(readAuthCacheSize())
      } catch {}
    },
  })
  let readResponseCacheSize: (() => { bytes: number; entries: number }) | undefined
  const responseCacheGauge = (name: string, help: string, field: 'bytes' | 'entries') =>
    new Gauge({
      name,
      help,
      registers,
      collect() {
        try {
          if (readResponseCacheSize !== undefined) this.set(readResponseCacheSize()[field])
        } catch {}
      },
    })
  responseCacheGauge('gateway_response_cache_bytes', 'Bytes held by the in-process response cache', 'bytes')
  responseCacheGauge(
    'gateway_response_cache_entries',
    'Entries held by the in-process response cache',
    'entries',
  )
  const requestRate = createRateWindow({ windowSeconds: options.rpsWindowSeconds ?? 10, now: options.now })

  new Gauge({
    name: 'lw_gateway_rps',
    help: 'Requests per second received, averaged over a short sliding window',
    registers,
    collect() {
      this.set(requestRate.rate())
    },
  })

  return {
    registry,
    requestRate,
    // Recorded on every request: the hot classes (same exposition, a tenth of prom-client's cost).
    httpRequests: new HotCounter({
      name: 'gateway_http_requests_total',
      help: 'HTTP requests answered, by matched route, method, status, provider and model',
      labelNames: ['route', 'method', 'status', 'provider', 'model'],
      registers,
    }),
    httpRequestDuration: new HotHistogram({
      name: 'gateway_http_request_duration_seconds',
      help: 'Time from request received to response finished (streams included)',
      labelNames: ['route', 'method'],
      buckets: requestBuckets,
      registers,
    }),
    inFlightRequests: new Gauge({
      name: 'gateway_in_flight_requests',
      help: 'Requests currently being handled',
      registers,
    }),
    requestsShed: new Counter({
      name: 'gateway_requests_shed_total',
      help: 'Requests answered 503 overloaded before any work because too many were in flight, by reason',
      labelNames: ['reason'],
      registers,
    }),
    streamingActive: new Gauge({
      name: 'gateway_streaming_active',
      help: 'Streaming responses currently open',
      registers,
    }),
    draining: new Gauge({
      name: 'gateway_draining',
      help: '1 while the gateway drains before shutdown, else 0',
      registers,
    }),
    providerDuration: new HotHistogram({
      name: 'gateway_provider_duration_seconds',
      help: 'Time spent in the upstream provider call, by provider',
      labelNames: ['provider'],
      buckets: requestBuckets,
      registers,
    }),
    fallbackEvents: new Counter({
      name: 'gateway_fallback_events_total',
      help: 'Times a request moved on to the next provider in its chain, by provider left and reason',
      labelNames: ['provider', 'reason'],
      registers,
    }),
    circuitState: new Gauge({
      name: 'gateway_circuit_state',
      help: 'Circuit breaker state per provider credential: 0 closed, 1 half-open, 2 open',
      labelNames: ['provider_id'],
      registers,
    }),
    authCacheEvents: new Counter({
      name: 'gateway_auth_cache_events_total',
      help: 'Virtual-key cache events: hit, miss, stale_served, refresh_error, evicted',
      labelNames: ['event'],
      registers,
    }),
    observeAuthCacheSize(read) {
      readAuthCacheSize = read
    },
    budgetBlocks: new Counter({
      name: 'gateway_budget_blocks_total',
      help: 'Requests refused because a budget was exhausted, by scope',
      labelNames: ['scope'],
      registers,
    }),
    budgetStoreFallbacks: new Counter({
      name: 'gateway_budget_store_fallbacks_total',
      help: 'Requests governed without Redis because it was unreachable, by GATEWAY_REDIS_FAILURE_MODE (local: per-replica counters; closed: refused)',
      labelNames: ['mode'],
      registers,
    }),
    guardrailVerdicts: new Counter({
      name: 'gateway_guardrail_verdicts_total',
      help: 'Guardrail verdicts by direction and verdict',
      labelNames: ['direction', 'verdict'],
      registers,
    }),
    routingDecisions: new Counter({
      name: 'gateway_routing_decisions_total',
      help: 'Routing decisions of keys with a routing mode, policy or exclusion, by strategy (sticky: a session kept its credential)',
      labelNames: ['strategy'],
      registers,
    }),
    responseCacheRequests: new Counter({
      name: 'gateway_response_cache_requests_total',
      help: 'Requests the response cache applied to, by result: hit, miss, refresh (forced miss), bypass (header)',
      labelNames: ['result'],
      registers,
    }),
    observeResponseCacheSize(read) {
      readResponseCacheSize = read
    },
    tokens: new HotCounter({
      name: 'gateway_tokens_total',
      help: 'Tokens reported by providers, by provider type and kind',
      labelNames: ['provider', 'type'],
      registers,
    }),
    spendUsd: new HotCounter({
      name: 'gateway_spend_usd_total',
      help: 'Cost of answered requests at catalogue prices, in US dollars, by provider type',
      labelNames: ['provider'],
      registers,
    }),
    otelSpansDropped: new Counter({
      name: 'gateway_otel_spans_dropped_total',
      help: 'Spans not exported because the export queue was full or the export failed',
      labelNames: ['destination', 'reason'],
      registers,
    }),
    scrape: () => registry.metrics(),
    contentType: registry.contentType,
  }
}
