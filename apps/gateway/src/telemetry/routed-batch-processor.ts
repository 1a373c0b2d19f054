// A span processor with one bounded queue, batched export, and an exporter chosen per span (per tenant).
import { TraceFlags } from '@opentelemetry/api'
import type { ExportResult } from '@opentelemetry/core'
import type { ReadableSpan, SpanExporter, SpanProcessor } from '@opentelemetry/sdk-trace-base'

// `ExportResultCode.SUCCESS` of @opentelemetry/core (a stable enum): importing the package for it
// would load it at start-up in every gateway, traced or not.
const EXPORT_SUCCESS: ExportResult['code'] = 0

/** Options of {@link RoutedBatchProcessor}. */
export interface RoutedBatchProcessorOptions {
  /** The export route of a finished span (tenant token, or one constant); undefined drops it. */
  routeOf: (span: ReadableSpan) => string | undefined
  /** The exporter of a route (may be cached and bounded by the caller). */
  exporterFor: (route: string) => SpanExporter
  /** Spans held at most; past it new spans are dropped and counted. Default 2048. */
  maxQueueSize?: number
  /** Spans per export call. Default 512. */
  maxBatchSize?: number
  /** Milliseconds a span waits at most before its batch is exported. Default 1000. */
  scheduledDelayMs?: number
  /** Told how many spans were dropped (queue full, export failed). Default: ignore. */
  onDrop?: (count: number, reason: 'queue_full' | 'export_failed') => void
}

interface QueuedSpan {
  route: string
  span: ReadableSpan
}

/**
 * Batches finished spans and exports them grouped by route, one export pass at a time. The hot
 * path only pushes to an array: a slow or dead collector fills the bounded queue, after which
 * spans are dropped and counted, never waited for. Telemetry never throws into a request.
 *
 * @example
 * const processor = new RoutedBatchProcessor({ routeOf: () => 'operator', exporterFor: () => exporter })
 * const provider = new BasicTracerProvider({ spanProcessors: [processor] })
 */
export class RoutedBatchProcessor implements SpanProcessor {
  readonly #options: RoutedBatchProcessorOptions
  readonly #maxQueueSize: number
  readonly #maxBatchSize: number
  readonly #delayMs: number
  #queue: QueuedSpan[] = []
  #timer: NodeJS.Timeout | undefined = undefined
  #exporting: Promise<void> | undefined = undefined
  #shutDown = false

  constructor(options: RoutedBatchProcessorOptions) {
    this.#options = options
    this.#maxQueueSize = options.maxQueueSize ?? 2048
    this.#maxBatchSize = options.maxBatchSize ?? 512
    this.#delayMs = options.scheduledDelayMs ?? 1000
  }

  onStart(): void {}

  onEnd(span: ReadableSpan): void {
    if (this.#shutDown || (span.spanContext().traceFlags & TraceFlags.SAMPLED) === 0) return
    try {
      const route = this.#options.routeOf(span)
      if (route === undefined) return
      if (this.#queue.length >= this.#maxQueueSize) {
        this.#options.onDrop?.(1, 'queue_full')
        return
      }
      this.#queue.push({ route, span })
      if (this.#queue.length >= this.#maxBatchSize) this.#exportSoon()
      else if (this.#timer === undefined) {
        this.#timer = setTimeout(() => this.#exportSoon(), this.#delayMs)
        this.#timer.unref()
      }
    } catch {}
  }

  /** Exports everything queued now (and waits for an export in flight). */
  async forceFlush(): Promise<void> {
    while (this.#queue.length > 0 || this.#exporting !== undefined) await this.#exportSoon()
  }

  /** Flushes; later spans are ignored. The exporters belong to the caller, who shuts them down. */
  async shutdown(): Promise<void> {
    await this.forceFlush()
    this.#shutDown = true
  }

  #exportSoon(): Promise<void> {
    if (this.#timer !== undefined) {
      clearTimeout(this.#timer)
      this.#timer = undefined
    }
    this.#exporting ??= this.#exportQueued().finally(() => {
      this.#exporting = undefined
      if (this.#queue.length > 0 && this.#timer === undefined && !this.#shutDown) {
        this.#timer = setTimeout(() => this.#exportSoon(), this.#delayMs)
        this.#timer.unref()
      }
    })
    return this.#exporting
  }

  async #exportQueued(): Promise<void> {
    const taken = this.#queue
    this.#queue = []
    const byRoute = new Map<string, ReadableSpan[]>()
    for (const { route, span } of taken) {
      const spans = byRoute.get(route)
      if (spans === undefined) byRoute.set(route, [span])
      else spans.push(span)
    }
    for (const [route, spans] of byRoute) {
      for (let at = 0; at < spans.length; at += this.#maxBatchSize) {
        const batch = spans.slice(at, at + this.#maxBatchSize)
        const exported = await this.#exportBatch(route, batch)
        if (!exported) this.#options.onDrop?.(batch.length, 'export_failed')
      }
    }
  }

  #exportBatch(route: string, batch: ReadableSpan[]): Promise<boolean> {
    return new Promise((resolve) => {
      try {
        this.#options.exporterFor(route).export(batch, (result) => resolve(result.code === EXPORT_SUCCESS))
      } catch {
        resolve(false)
      }
    })
  }
}
