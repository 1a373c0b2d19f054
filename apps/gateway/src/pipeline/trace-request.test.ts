import type { IncomingMessage, ServerResponse } from 'node:http'
import type { CachedKey } from '@gw/auth-cache'
import { createGatewayMetrics, type RequestTraceFacts } from '@gw/otel'
import { describe, expect, it } from 'vitest'
import { RequestContext } from '../http/request-context.js'
import { createLogger } from '../logging/create-logger.js'
import type { RequestTelemetry } from '../telemetry/create-request-telemetry.js'
import { createRequestState } from './request-state.js'
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
})
