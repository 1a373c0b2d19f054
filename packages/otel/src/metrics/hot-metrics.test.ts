import { Counter, Histogram, Registry } from 'prom-client'
import { describe, expect, it } from 'vitest'
import { HotCounter, HotHistogram } from './hot-metrics.js'

const buckets = [0.001, 0.01, 0.1, 1, 10]
const labelNames = ['route', 'method', 'model'] as const

// The same metrics declared twice: prom-client's classes in one registry, ours in the other.
function pair(openMetrics = false) {
  const reference = new Registry()
  const hot = new Registry()
  if (openMetrics)
    for (const registry of [reference, hot])
      registry.setContentType(Registry.OPENMETRICS_CONTENT_TYPE as typeof Registry.PROMETHEUS_CONTENT_TYPE)
  const counterOptions = { name: 'requests_total', help: 'Requests "answered"\nby route', labelNames }
  const histogramOptions = { name: 'request_seconds', help: 'Duration', labelNames, buckets }
  return {
    reference,
    hot,
    counters: [
      new Counter({ ...counterOptions, registers: [reference] }),
      new HotCounter({ ...counterOptions, registers: [hot] }),
    ],
    histograms: [
      new Histogram({ ...histogramOptions, registers: [reference] }),
      new HotHistogram({ ...histogramOptions, registers: [hot] }),
    ],
  } as const
}

// Label sets with escapes, numbers and a label left out, in an order that revisits series.
const labelSets = [
  { route: '/v1/chat/completions', method: 'POST', model: 'gpt-4o-mini' },
  { route: '/v1/messages', method: 'POST', model: 'claude "3"\\x\ny' },
  { route: '/v1/models', method: 'GET' },
  { route: '/v1/chat/completions', method: 'POST', model: 7 },
  { route: '/v1/chat/completions', method: 'POST', model: 'gpt-4o-mini' },
]
const observations = [0, 0.0005, 0.001, 0.0011, 0.05, 0.1, 0.99, 1, 9.5, 10, 11, 1234.5]

function record(p: ReturnType<typeof pair>): void {
  observations.forEach((value, i) => {
    const labels = labelSets[i % labelSets.length]!
    for (const counter of p.counters) counter.inc(labels, i % 3)
    for (const histogram of p.histograms) histogram.observe(labels, value)
  })
}

describe('HotCounter and HotHistogram', () => {
  it('scrape to the very text prom-client writes for the same observations', async () => {
    const p = pair()
    record(p)
    const text = await p.hot.metrics()
    expect(text).toBe(await p.reference.metrics())
    expect(text).toContain(
      'request_seconds_bucket{le="+Inf",route="/v1/messages",method="POST",model="claude \\"3\\"\\\\x\\ny"} 3',
    )
  })

  it('match prom-client with default labels, in OpenMetrics, and as JSON', async () => {
    const withDefaults = pair()
    for (const registry of [withDefaults.reference, withDefaults.hot])
      registry.setDefaultLabels({ pod: 'gw-a' })
    record(withDefaults)
    expect(await withDefaults.hot.metrics()).toBe(await withDefaults.reference.metrics())
    expect(await withDefaults.hot.getMetricsAsJSON()).toEqual(await withDefaults.reference.getMetricsAsJSON())
    const open = pair(true)
    record(open)
    expect(await open.hot.metrics()).toBe(await open.reference.metrics())
  })

  it('start over after resetMetrics, like prom-client', async () => {
    const p = pair()
    record(p)
    for (const registry of [p.reference, p.hot]) registry.resetMetrics()
    p.counters[1].inc({ route: '/x', method: 'GET', model: 'm' })
    p.counters[0].inc({ route: '/x', method: 'GET', model: 'm' })
    expect(await p.hot.metrics()).toBe(await p.reference.metrics())
  })

  it('refuse what prom-client refuses: a counter going down, a value that is not a number', () => {
    const p = pair()
    expect(() => p.counters[1].inc({ route: '/x' }, -1)).toThrow(TypeError)
    expect(() => p.counters[1].inc({ route: '/x' }, Number.NaN)).toThrow(TypeError)
    expect(() => p.histograms[1].observe({ route: '/x' }, Number.NaN)).toThrow(TypeError)
    expect(() => p.histograms[1].observe({ route: '/x' }, Number.POSITIVE_INFINITY)).toThrow(TypeError)
    expect(
      () => new HotHistogram({ name: 'h', help: 'h', labelNames: [], buckets: [1, 1], registers: [] }),
    ).toThrow(RangeError)
  })

  it('count a metric without labels as one series', async () => {
    const reference = new Registry()
    const hot = new Registry()
    new Counter({ name: 'plain_total', help: 'Plain', registers: [reference] }).inc()
    const counter = new HotCounter({ name: 'plain_total', help: 'Plain', labelNames: [], registers: [hot] })
    counter.inc()
    expect(await hot.metrics()).toBe(await reference.metrics())
    counter.inc(undefined, 2)
    expect(await hot.metrics()).toContain('plain_total 3')
  })
})
