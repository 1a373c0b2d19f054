// Per-tenant customer spans: always sampled, encoded as OTLP/JSON and posted to the trace bridge
// with each project's token. No SDK span objects: this path runs on every request of such projects.
import type { CustomerSpanSink } from '@gw/otel'
import { type Attributes, type Context, type Span, type SpanOptions, trace } from '@opentelemetry/api'
import { request } from 'undici'
import { type OtlpJsonSpan, OtlpJsonSpanRecorder, toKeyValues } from './otlp-json-span.js'

/** Posts one encoded export; resolves true when the bridge accepted it. */
export type SendExport = (url: string, headers: Record<string, string>, body: string) => Promise<boolean>

/** Options of {@link createCustomerTraceBridge}. */
export interface CustomerTraceBridgeOptions {
  /** CUSTOMER_TRACE_BRIDGE_BASE_URL (default LW_GATEWAY_BASE_URL); spans go to `<base>/api/otel/v1/traces`. */
  baseUrl: string
  /** Resource attributes of every export (service name and version). */
  resource: Attributes
  /** Spans held at most, all projects together; past it new spans are dropped and counted. Default 2048. */
  maxQueueSize?: number
  /** Spans that trigger an export before the delay. Default 512. */
  maxBatchSize?: number
  /** Milliseconds a span waits at most before export. Default 1000. */
  scheduledDelayMs?: number
  /** Milliseconds one export may take. Default 10 000. */
  exportTimeoutMs?: number
  /** Told how many spans were dropped and why. Default: ignore. */
  onDrop?: (count: number, reason: 'queue_full' | 'export_failed') => void
  /** Sends an export (tests, benchmarks). Default: an undici POST. */
  send?: SendExport
}

/** The customer span sink plus its lifecycle. */
export interface CustomerTraceBridge extends CustomerSpanSink {
  forceFlush(): Promise<void>
  shutdown(): Promise<void>
}

function createUndiciSend(timeoutMs: number): SendExport {
  return async (url, headers, body) => {
    try {
      const response = await request(url, {
        method: 'POST',
        headers,
        body,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      })
      await response.body.dump()
      return response.statusCode >= 200 && response.statusCode < 300
    } catch {
      return false
    }
  }
}

/**
 * Creates the bridge. Finished spans wait in one bounded queue, grouped by project token at
 * export; each project's batch is one OTLP/JSON request with `X-Auth-Token: <token>` (the token
 * is never a span attribute). A slow or dead bridge fills the queue, then spans are dropped and
 * counted: requests never wait for telemetry.
 *
 * @example
 * const bridge = createCustomerTraceBridge({ baseUrl: 'http://control-plane:5560', resource: { 'service.name': 'lw-gateway' } })
 * createRequestSpanRecorder({ customerSink: bridge })
 */
export function createCustomerTraceBridge(options: CustomerTraceBridgeOptions): CustomerTraceBridge {
  const url = `${options.baseUrl.replace(/\/+$/, '')}/api/otel/v1/traces`
  const maxQueueSize = options.maxQueueSize ?? 2048
  const maxBatchSize = options.maxBatchSize ?? 512
  const delayMs = options.scheduledDelayMs ?? 1000
  const send = options.send ?? createUndiciSend(options.exportTimeoutMs ?? 10_000)
  const resource = { attributes: toKeyValues(options.resource) }
  const scope = { name: '@gw/gateway/customer' }
  let queue: Array<{ token: string; span: OtlpJsonSpan }> = []
  let timer: NodeJS.Timeout | undefined
  let exporting: Promise<void> | undefined
  let closed = false

  async function exportQueued(): Promise<void> {
    const taken = queue
    queue = []
    const byToken = new Map<string, OtlpJsonSpan[]>()
    for (const { token, span } of taken) {
      const spans = byToken.get(token)
      if (spans === undefined) byToken.set(token, [span])
      else spans.push(span)
    }
    for (const [token, spans] of byToken) {
      const body = JSON.stringify({ resourceSpans: [{ resource, scopeSpans: [{ scope, spans }] }] })
      const headers = { 'content-type': 'application/json', 'x-auth-token': token }
      if (!(await send(url, headers, body))) options.onDrop?.(spans.length, 'export_failed')
    }
  }

  function exportSoon(): Promise<void> {
    if (timer !== undefined) {
      clearTimeout(timer)
      timer = undefined
    }
    exporting ??= exportQueued().finally(() => {
      exporting = undefined
      if (queue.length > 0 && !closed) schedule()
    })
    return exporting
  }

  function schedule(): void {
    if (timer !== undefined) return
    timer = setTimeout(() => void exportSoon(), delayMs)
    timer.unref()
  }

  function enqueue(token: string, span: OtlpJsonSpan): void {
    if (closed) return
    if (queue.length >= maxQueueSize) {
      options.onDrop?.(1, 'queue_full')
      return
    }
    queue.push({ token, span })
    if (queue.length >= maxBatchSize) void exportSoon()
    else schedule()
  }

  async function forceFlush(): Promise<void> {
    while (queue.length > 0 || exporting !== undefined) await exportSoon()
  }

  return {
    startSpan(token: string, name: string, spanOptions: SpanOptions, parent: Context): Span {
      return new OtlpJsonSpanRecorder(name, spanOptions, trace.getSpanContext(parent), (span) =>
        enqueue(token, span),
      )
    },
    forceFlush,
    async shutdown() {
      await forceFlush()
      closed = true
    },
  }
}
