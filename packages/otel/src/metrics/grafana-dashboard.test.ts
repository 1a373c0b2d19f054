import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { createGatewayMetrics } from './gateway-metrics.js'

const dashboardPath = fileURLToPath(new URL('../../../../docs/grafana/gateway.json', import.meta.url))

interface Dashboard {
  panels: Array<{ title: string; targets: Array<{ expr: string }> }>
}

// A series name in PromQL: a metric identifier followed by `{`, `[` or `)` (not a function call).
const seriesPattern = /\b([a-z_][a-z0-9_]*)\s*(?=[{[)])/g
const promqlWords = new Set(['by', 'without', 'rate', 'sum', 'max', 'histogram_quantile', 'le'])

describe('docs/grafana/gateway.json', () => {
  it('queries only series the gateway exposes, with labels those series carry', () => {
    const dashboard = JSON.parse(readFileSync(dashboardPath, 'utf8')) as Dashboard
    const metrics = createGatewayMetrics({ collectProcessMetrics: false })
    const exposed = new Map<string, Set<string>>()
    for (const metric of metrics.registry.getMetricsAsArray()) {
      const base = metric.name
      const labels = new Set(['le', ...((metric as unknown as { labelNames?: string[] }).labelNames ?? [])])
      for (const suffix of ['', '_bucket', '_sum', '_count']) exposed.set(base + suffix, labels)
    }
    const used: string[] = []
    for (const panel of dashboard.panels) {
      for (const { expr } of panel.targets) {
        const withoutGroupings = expr.replaceAll(/by \([^)]*\)/g, '')
        for (const [, name] of withoutGroupings.matchAll(seriesPattern)) {
          if (name === undefined || promqlWords.has(name)) continue
          used.push(name)
          expect(exposed.has(name), `${panel.title}: ${name} is not a gateway metric`).toBe(true)
        }
        for (const [, grouping] of expr.matchAll(/by \(([^)]*)\)/g)) {
          const series = [...withoutGroupings.matchAll(seriesPattern)]
            .map((match) => match[1])
            .find((name) => exposed.has(name ?? ''))
          for (const label of (grouping ?? '').split(',').map((each) => each.trim()))
            expect(
              exposed.get(series ?? '')?.has(label),
              `${panel.title}: no label ${label} on ${series}`,
            ).toBe(true)
        }
      }
    }
    for (const required of [
      'gateway_http_requests_total',
      'gateway_http_request_duration_seconds_bucket',
      'gateway_fallback_events_total',
      'gateway_spend_usd_total',
      'gateway_tokens_total',
    ])
      expect(used).toContain(required)
  })
})
