import { type ExportResult, ExportResultCode } from '@opentelemetry/core'
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-base'
import { describe, expect, it } from 'vitest'
import { RoutedBatchProcessor } from './routed-batch-processor.js'

function createProvider(processor: RoutedBatchProcessor) {
  return new BasicTracerProvider({ spanProcessors: [processor] }).getTracer('test')
}

// An exporter whose collector never answers: export() never calls back.
const deadExporter: SpanExporter = {
  export: (_spans: ReadableSpan[], _done: (result: ExportResult) => void) => {},
  shutdown: async () => {},
}

describe('RoutedBatchProcessor', () => {
  it('exports each span through the exporter of its route', async () => {
    const exporters = { a: new InMemorySpanExporter(), b: new InMemorySpanExporter() }
    const processor = new RoutedBatchProcessor({
      routeOf: (span) => String(span.attributes.tenant),
      exporterFor: (route) => exporters[route as 'a' | 'b'],
    })
    const tracer = createProvider(processor)
    for (const tenant of ['a', 'b', 'a']) tracer.startSpan(`span-${tenant}`, { attributes: { tenant } }).end()
    await processor.forceFlush()
    expect(exporters.a.getFinishedSpans().map((span) => span.name)).toEqual(['span-a', 'span-a'])
    expect(exporters.b.getFinishedSpans().map((span) => span.name)).toEqual(['span-b'])
  })

  it('drops and counts spans past the queue bound while an export hangs on a dead collector', async () => {
    const dropped: string[] = []
    const processor = new RoutedBatchProcessor({
      routeOf: () => 'operator',
      exporterFor: () => deadExporter,
      maxQueueSize: 4,
      maxBatchSize: 2,
      scheduledDelayMs: 60_000,
      onDrop: (count, reason) => dropped.push(`${count}:${reason}`),
    })
    const tracer = createProvider(processor)
    const started = performance.now()
    for (let i = 0; i < 10; i++) tracer.startSpan(`s${i}`).end()
    expect(performance.now() - started).toBeLessThan(1000)
    // s0 and s1 left in the hung export, s2..s5 fill the queue, s6..s9 are dropped.
    expect(dropped).toEqual(Array(4).fill('1:queue_full'))
  })

  it('counts nothing dropped when the exporter answers ExportResultCode.SUCCESS', async () => {
    const dropped: number[] = []
    const processor = new RoutedBatchProcessor({
      routeOf: () => 'a',
      exporterFor: () => ({
        export: (_spans, done) => done({ code: ExportResultCode.SUCCESS }),
        shutdown: async () => {},
      }),
      onDrop: (count) => dropped.push(count),
    })
    const tracer = createProvider(processor)
    for (let i = 0; i < 3; i++) tracer.startSpan(`span-${i}`).end()
    await processor.forceFlush()
    expect(dropped).toEqual([])
  })

  it('counts a batch the exporter refused as dropped', async () => {
    const dropped: number[] = []
    const failing: SpanExporter = {
      export: (_spans, done) => done({ code: ExportResultCode.FAILED }),
      shutdown: async () => {},
    }
    const processor = new RoutedBatchProcessor({
      routeOf: () => 'operator',
      exporterFor: () => failing,
      onDrop: (count) => dropped.push(count),
    })
    const tracer = createProvider(processor)
    tracer.startSpan('a').end()
    tracer.startSpan('b').end()
    await processor.forceFlush()
    expect(dropped).toEqual([2])
  })

  it('ignores spans without a route and spans ended after shutdown', async () => {
    const exporter = new InMemorySpanExporter()
    const processor = new RoutedBatchProcessor({
      routeOf: (span) => (span.name === 'routed' ? 'r' : undefined),
      exporterFor: () => exporter,
    })
    const tracer = createProvider(processor)
    tracer.startSpan('unrouted').end()
    tracer.startSpan('routed').end()
    await processor.shutdown()
    tracer.startSpan('routed').end()
    await processor.forceFlush()
    expect(exporter.getFinishedSpans().map((span) => span.name)).toEqual(['routed'])
  })
})
