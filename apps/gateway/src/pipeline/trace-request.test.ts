import type { IncomingMessage, ServerResponse } from 'node:http'
import type { CachedKey } from '@gw/auth-cache'
import { createGatewayMetrics, type RequestTraceFacts } from '@gw/otel'
import { describe, expect, it } from 'vitest'
import { RequestContext } from '../http/request-context.js'
import { createLogger } from '../logging/create-logger.js'
import type { RequestTelemetry } from '../telemetry/create-request-telemetry.js'
import { createRequestState, type RequestState } from './request-state.js'
import { traceRequest } from './trace-request.js'

function telemetry(operatorSpans: boolean, recorded: RequestTraceFacts[]): RequestTelemetry {
  const tracing = {
    recordRequest: undefined,
    operatorSpans,
    forceFlush: async () => {},
    shutdown: async () => {},
  }
  const metrics = createGatewayMetrics({ collectProcessMetrics: false })
  return { recordSpans: (facts) => void recorded.push(facts), metrics, tracing }
}

function state(projectOtlpToken: string | null) {
  const shared = { logger: createLogger({ level: 'silent' }), onStreamingStart: () => {} }
  const response = { statusCode: 200 } as ServerResponse
  const context = new RequestContext('req-1', performance.now(), response, shared)
  const incoming = { headers: {} } as IncomingMessage
  const requestState = createRequestState('openai-chat', incoming, context)
  requestState.key = {
    claims: { vk_id: 'vk_1', project_id: 'p1', org_id: 'o1', team_id: null, principal_id: null },
    config: { project_otlp_token: projectOtlpToken, vk_tags: [] },
  } as unknown as CachedKey
  return requestState
}

/** A request answered by credential `mp_1` of provider type `type`, with `extra` on its result. */
function answeredBy(type: string, status: number, extra: Record<string, unknown>) {
  const answered = state(null)
  answered.plan = { candidates: [{ provider: { id: 'mp_1', type } }] } as unknown as RequestState['plan']
  answered.result = {
    providerId: 'mp_1',
    model: 'gpt-4o-mini',
    status,
    attempts: 1,
    records: [{ providerId: 'mp_1', model: 'gpt-4o-mini', status, ttfbMs: 1 }],
    ...extra,
  } as unknown as RequestState['result']
  return answered
}

describe('traceRequest', () => {
  it('builds no span facts without operator spans for a key whose project has no OTLP token', () => {
    const recorded: RequestTraceFacts[] = []
    traceRequest(telemetry(false, recorded), state(null), undefined)
    traceRequest(telemetry(false, recorded), state(''), undefined)
    expect(recorded).toEqual([])
  })

  it('records the customer span of a key whose project has a token, even without operator spans', () => {
    const recorded: RequestTraceFacts[] = []
    traceRequest(telemetry(false, recorded), state('otlp-token'), undefined)
    expect(recorded).toHaveLength(1)
    expect(recorded[0]!.customer?.projectOtlpToken).toBe('otlp-token')
  })

  it('records every request when operator spans are exported', () => {
    const recorded: RequestTraceFacts[] = []
    traceRequest(telemetry(true, recorded), state(null), undefined)
    expect(recorded).toHaveLength(1)
    expect(recorded[0]!.customer).toBeUndefined()
    expect(recorded[0]!.key?.virtualKeyId).toBe('vk_1')
  })

  it("adds the answer's tokens by kind and its cost to the token and spend counters", async () => {
    const telemetryOf = telemetry(false, [])
    const usage = {
      inputTokens: 14,
      outputTokens: 8,
      cacheReadInputTokens: 3,
      cacheCreationInputTokens: 0,
      reasoningTokens: 0,
    }
    const answered = answeredBy('openai', 200, { usage, costMicroUsd: 2500 })
    traceRequest(telemetryOf, answered, undefined)
    traceRequest(telemetryOf, answered, undefined)
    const text = await telemetryOf.metrics.scrape()
    expect(text).toContain('gateway_tokens_total{provider="openai",type="input"} 28')
    expect(text).toContain('gateway_tokens_total{provider="openai",type="output"} 16')
    expect(text).toContain('gateway_tokens_total{provider="openai",type="cache_read"} 6')
    expect(text).not.toContain('type="cache_write"')
    expect(text).toContain('gateway_spend_usd_total{provider="openai"} 0.005')
  })

  it('counts no tokens or spend for an answer without usage', async () => {
    const telemetryOf = telemetry(false, [])
    traceRequest(telemetryOf, answeredBy('openai', 502, {}), undefined)
    const text = await telemetryOf.metrics.scrape()
    expect(text).toMatch(/gateway_provider_duration_seconds_count\{provider="openai"\} 1/)
    expect(text).not.toMatch(/gateway_tokens_total\{/)
    expect(text).not.toMatch(/gateway_spend_usd_total\{/)
  })
})
