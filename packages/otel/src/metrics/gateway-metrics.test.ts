import { describe, expect, it } from 'vitest'
import { createGatewayMetrics } from './gateway-metrics.js'
import { HotCounter, HotHistogram } from './hot-metrics.js'

function sampleLines(text: string): string[] {
  return text.split('\n').filter((line) => line !== '' && !line.startsWith('#'))
}

describe('createGatewayMetrics', () => {
  it('declares every gateway metric with HELP and TYPE lines', async () => {
    const metrics = createGatewayMetrics({ collectProcessMetrics: false })
    metrics.httpRequests.inc({ route: '/healthz', method: 'GET', status: '200', provider: '', model: '' })
    metrics.httpRequestDuration.observe({ route: '/healthz', method: 'GET' }, 0.002)
    metrics.providerDuration.observe({ provider: 'openai' }, 0.4)
    metrics.fallbackEvents.inc({ provider: 'openai', reason: 'status_5xx' })
    metrics.circuitState.set({ provider_id: 'mp_1' }, 2)
    metrics.authCacheEvents.inc({ event: 'hit' })
    metrics.budgetBlocks.inc({ scope: 'project' })
    metrics.guardrailVerdicts.inc({ direction: 'request', verdict: 'allow' })
    metrics.routingDecisions.inc({ strategy: 'weighted' })
    metrics.requestsShed.inc({ reason: 'in_flight_cap' })
    const text = await metrics.scrape()
    const expected = {
      gateway_http_requests_total: 'counter',
      gateway_http_request_duration_seconds: 'histogram',
      gateway_in_flight_requests: 'gauge',
      gateway_requests_shed_total: 'counter',
      gateway_streaming_active: 'gauge',
      gateway_draining: 'gauge',
      lw_gateway_rps: 'gauge',
      gateway_provider_duration_seconds: 'histogram',
      gateway_fallback_events_total: 'counter',
      gateway_circuit_state: 'gauge',
      gateway_auth_cache_events_total: 'counter',
      gateway_auth_cache_entries: 'gauge',
      gateway_budget_blocks_total: 'counter',
      gateway_budget_store_fallbacks_total: 'counter',
      gateway_guardrail_verdicts_total: 'counter',
      gateway_routing_decisions_total: 'counter',
      gateway_response_cache_requests_total: 'counter',
      gateway_response_cache_bytes: 'gauge',
      gateway_response_cache_entries: 'gauge',
    }
    for (const [name, type] of Object.entries(expected)) {
      expect(text).toContain(`# HELP ${name} `)
      expect(text).toContain(`# TYPE ${name} ${type}`)
    }
    expect(text).toContain('gateway_circuit_state{provider_id="mp_1"} 2')
    expect(text).toContain('gateway_routing_decisions_total{strategy="weighted"} 1')
    expect(text).toContain('gateway_requests_shed_total{reason="in_flight_cap"} 1')
    expect(text).toContain(
      'gateway_http_requests_total{route="/healthz",method="GET",status="200",provider="",model=""} 1',
    )
  })

  it('writes every sample as name{labels} value', async () => {
    const metrics = createGatewayMetrics()
    metrics.httpRequests.inc({ route: '/v1/models', method: 'GET', status: '404', provider: '', model: '' })
    const sample =
      /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\.)*",?)*\})? [-+0-9.eEInfNa]+$/
    for (const line of sampleLines(await metrics.scrape())) expect(line).toMatch(sample)
  })

  it('includes Node process metrics unless told not to', async () => {
    const text = await createGatewayMetrics().scrape()
    expect(text).toContain('process_cpu_user_seconds_total')
    expect(text).toContain('# TYPE nodejs_active_handles gauge')
    // Gauges ending in _total break promtool's lint; the per-type gauges carry the numbers.
    expect(text).not.toContain('nodejs_active_handles_total')
    expect(await createGatewayMetrics({ collectProcessMetrics: false }).scrape()).not.toContain('process_cpu')
  })

  it('reports lw_gateway_rps from the sliding window at scrape time', async () => {
    let now = 10_000
    const metrics = createGatewayMetrics({
      collectProcessMetrics: false,
      rpsWindowSeconds: 2,
      now: () => now,
    })
    for (let i = 0; i < 8; i++) metrics.requestRate.record()
    now = 11_000
    expect(await metrics.scrape()).toContain('lw_gateway_rps 4')
  })

  it('reads gateway_auth_cache_entries from the observed cache at scrape time', async () => {
    const metrics = createGatewayMetrics({ collectProcessMetrics: false })
    let size = 3
    metrics.observeAuthCacheSize(() => size)
    expect(await metrics.scrape()).toContain('gateway_auth_cache_entries 3')
    size = 50_000
    expect(await metrics.scrape()).toContain('gateway_auth_cache_entries 50000')
    metrics.observeAuthCacheSize(() => {
      throw new Error('cache gone')
    })
    expect(await metrics.scrape()).toContain('gateway_auth_cache_entries 50000')
  })

  it('counts response cache results and reads its bytes and entries at scrape time', async () => {
    const metrics = createGatewayMetrics({ collectProcessMetrics: false })
    metrics.responseCacheRequests.inc({ result: 'hit' })
    metrics.responseCacheRequests.inc({ result: 'hit' })
    metrics.responseCacheRequests.inc({ result: 'miss' })
    let held = { bytes: 2048, entries: 2 }
    metrics.observeResponseCacheSize(() => held)
    let text = await metrics.scrape()
    expect(text).toContain('gateway_response_cache_requests_total{result="hit"} 2')
    expect(text).toContain('gateway_response_cache_requests_total{result="miss"} 1')
    expect(text).toContain('gateway_response_cache_bytes 2048')
    expect(text).toContain('gateway_response_cache_entries 2')
    held = { bytes: 0, entries: 0 }
    text = await metrics.scrape()
    expect(text).toContain('gateway_response_cache_bytes 0')
    expect(text).toContain('gateway_response_cache_entries 0')
  })

  it('adds default labels to every series', async () => {
    const metrics = createGatewayMetrics({ collectProcessMetrics: false, defaultLabels: { pod: 'gw-a' } })
    metrics.draining.set(1)
    expect(await metrics.scrape()).toContain('gateway_draining{pod="gw-a"} 1')
  })

  it('records the per-request series on the hot classes, scraped with the rest and reset with the registry', async () => {
    const metrics = createGatewayMetrics({ collectProcessMetrics: false, defaultLabels: { pod: 'gw-a' } })
    expect(metrics.httpRequests).toBeInstanceOf(HotCounter)
    expect(
      [metrics.httpRequestDuration, metrics.providerDuration].every((m) => m instanceof HotHistogram),
    ).toBe(true)
    const labels = {
      route: '/v1/chat/completions',
      method: 'POST',
      status: '200',
      provider: 'openai',
      model: 'gpt-4o',
    }
    metrics.httpRequests.inc(labels)
    metrics.httpRequests.inc(labels)
    metrics.httpRequestDuration.observe({ route: '/v1/chat/completions', method: 'POST' }, 0.003)
    const text = await metrics.scrape()
    expect(text).toContain(
      'gateway_http_requests_total{route="/v1/chat/completions",method="POST",status="200",provider="openai",model="gpt-4o",pod="gw-a"} 2',
    )
    expect(text).toContain(
      'gateway_http_request_duration_seconds_bucket{le="0.005",pod="gw-a",route="/v1/chat/completions",method="POST"} 1',
    )
    metrics.registry.resetMetrics()
    expect(await metrics.scrape()).not.toContain('gateway_http_requests_total{')
  })
})
