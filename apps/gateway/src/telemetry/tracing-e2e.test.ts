// End to end with a real OpenTelemetry Collector: operator spans at OTEL_OTLP_ENDPOINT, customer
// spans through the control plane's bridge to each project's own destination, no cross-talk.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type CollectedSpan,
  otelCollectorMissing,
  startOtelCollector,
  type TestOtelCollector,
} from '../test-utils/start-otel-collector.js'
import { startStack, type TestStack } from '../test-utils/start-stack.js'
import { bearer, chatBody, postV1 } from '../test-utils/v1-http.js'

const callerTraceId = '0af7651916cd43dd8448eb211c80319c'
const traceparent = (spanId: string) => `00-${callerTraceId}-${spanId}-01`

interface Tenant {
  projectId: string
  key: string
  fallbackKey: string
}

describe.skipIf(otelCollectorMissing !== undefined)(
  `traces through a real collector ${otelCollectorMissing ?? ''}`,
  () => {
    let collector: TestOtelCollector
    let stack: TestStack
    const tenants: Record<'a' | 'b', Tenant> = {} as Record<'a' | 'b', Tenant>

    async function createTenant(name: 'a' | 'b'): Promise<Tenant> {
      const project = await stack.admin.request<{ id: string }>('POST', '/projects', {
        organization_id: stack.organizationId,
        name: `traced-${name}`,
        otlp_token: `otlp-token-${name}-0123456789`,
      })
      await stack.admin.request('PUT', `/projects/${project.id}/trace-settings`, {
        endpoint: collector.endpoint(`tenant_${name}`),
      })
      const addProvider = async (providerName: string, apiKey: string) =>
        (
          await stack.admin.request<{ id: string }>('POST', '/provider-credentials', {
            project_id: project.id,
            type: 'openai-compatible',
            name: providerName,
            credentials: { api_key: apiKey },
            base_url: `${stack.mock.url}/v1`,
            models: ['gpt-4o-mini'],
          })
        ).id
      await addProvider('primary', 'sk-primary')
      const secondary = await addProvider('secondary', 'sk-secondary')
      const mint = async (config: Record<string, unknown>) =>
        (
          await stack.admin.request<{ key: string }>('POST', '/virtual-keys', {
            project_id: project.id,
            name: `key-${Math.random().toString(36).slice(2, 8)}`,
            config,
          })
        ).key
      return {
        projectId: project.id,
        key: await mint({}),
        fallbackKey: await mint({ fallback: { chain: [secondary] } }),
      }
    }

    async function flush(): Promise<void> {
      await stack.services.telemetry.tracing.forceFlush()
    }

    const byRequest = (requestId: string) => (span: CollectedSpan) =>
      span.attributes['langwatch.gateway_request_id'] === requestId

    async function spansOf(pipeline: string, requestId: string): Promise<CollectedSpan[]> {
      const spans = await collector.waitForSpans(pipeline, (all) => all.some(byRequest(requestId)))
      return spans.filter(byRequest(requestId))
    }

    beforeAll(async () => {
      collector = await startOtelCollector(['operator', 'tenant_a', 'tenant_b'])
      stack = await startStack({
        gatewayEnv: {
          OTEL_OTLP_ENDPOINT: collector.endpoint('operator'),
          OTEL_OTLP_HEADERS: 'x-operator=op-secret',
          OTEL_SAMPLE_RATIO: '1',
        },
      })
      tenants.a = await createTenant('a')
      tenants.b = await createTenant('b')
    }, 120_000)
    afterAll(async () => {
      await stack?.close()
      await collector?.stop()
    })

    it('sends a plain request as an operator span and as a customer span of its own project only', async () => {
      const answer = await postV1(
        stack.gateway.url,
        '/v1/chat/completions',
        { ...chatBody('gpt-4o-mini'), max_tokens: 16, temperature: 0.5, user: 'end-user-9' },
        { ...bearer(tenants.a.key), traceparent: traceparent('b7ad6b7169203331'), 'x-request-id': 'plain-a' },
      )
      expect(answer.status).toBe(200)
      await flush()
      const [operator] = await spansOf('operator', 'plain-a')
      expect(operator).toMatchObject({
        name: 'lw_gateway.chat.completions',
        links: [{ traceId: callerTraceId, spanId: 'b7ad6b7169203331' }],
        attributes: expect.objectContaining({
          'gen_ai.operation.name': 'chat',
          'gen_ai.system': 'openai_compatible',
          'gen_ai.request.model': 'gpt-4o-mini',
          'gen_ai.request.max_tokens': 16,
          'gen_ai.request.temperature': 0.5,
          'langwatch.project_id': tenants.a.projectId,
          'http.response.status_code': 200,
        }),
      })
      expect(operator?.traceId).not.toBe(callerTraceId)
      expect(operator?.attributes['gen_ai.usage.input_tokens']).toEqual(expect.any(Number))
      expect(operator?.attributes['langwatch.end_user_id']).toBeUndefined()
      const [customer] = await spansOf('tenant_a', 'plain-a')
      expect(customer).toMatchObject({
        name: 'gen_ai.chat',
        traceId: callerTraceId,
        parentSpanId: 'b7ad6b7169203331',
        attributes: expect.objectContaining({
          'langwatch.requested_model': 'gpt-4o-mini',
          'langwatch.end_user_id': 'end-user-9',
          'langwatch.project_id': tenants.a.projectId,
        }),
      })
      // Content capture is off by default: no messages on either span.
      expect(customer?.attributes['gen_ai.input.messages']).toBeUndefined()
      expect((await collector.readSpans('tenant_b')).filter(byRequest('plain-a'))).toEqual([])
    })

    it('ends a streamed request span with time to first token, in the right tenant', async () => {
      const answer = await postV1(
        stack.gateway.url,
        '/v1/chat/completions',
        { ...chatBody('gpt-4o-mini'), stream: true },
        { ...bearer(tenants.b.key), 'x-request-id': 'stream-b' },
      )
      expect(answer.status).toBe(200)
      expect(answer.text).toContain('data: [DONE]')
      await flush()
      const [operator] = await spansOf('operator', 'stream-b')
      expect(operator?.attributes).toMatchObject({ 'gen_ai.request.stream': true })
      expect(operator?.attributes['gen_ai.response.time_to_first_chunk']).toEqual(expect.any(Number))
      expect(operator?.events.map((event) => event.name)).toContain('gen_ai.first_token')
      const [customer] = await spansOf('tenant_b', 'stream-b')
      expect(customer?.attributes['langwatch.project_id']).toBe(tenants.b.projectId)
      expect((await collector.readSpans('tenant_a')).filter(byRequest('stream-b'))).toEqual([])
    })

    it('records a failed-over request with one event per attempt', async () => {
      stack.mock.enqueue({ status: 503 })
      const answer = await postV1(
        stack.gateway.url,
        '/v1/chat/completions',
        chatBody('primary/gpt-4o-mini'),
        { ...bearer(tenants.a.fallbackKey), 'x-request-id': 'fallback-a' },
      )
      expect(answer.status).toBe(200)
      expect(answer.headers.get('x-langwatch-fallback-count')).toBe('1')
      await flush()
      const [operator] = await spansOf('operator', 'fallback-a')
      const attempts = operator?.events.filter((event) => event.name === 'langwatch.fallback.attempt')
      expect(attempts?.map((event) => event.attributes['langwatch.attempt.outcome'])).toEqual(['error', 'ok'])
      expect(attempts?.[0]?.attributes['http.response.status_code']).toBe(503)
      expect(operator?.attributes['langwatch.fallback_count']).toBe(1)
      await spansOf('tenant_a', 'fallback-a')
    })

    it('records a refused request with its error code and an error status', async () => {
      const answer = await postV1(
        stack.gateway.url,
        '/v1/chat/completions',
        { messages: [{ role: 'user', content: 'no model' }] },
        { ...bearer(tenants.b.key), 'x-request-id': 'refused-b' },
      )
      expect(answer.status).toBe(400)
      const code = (answer.json().error as { code: string }).code
      await flush()
      const [operator] = await spansOf('operator', 'refused-b')
      expect(operator?.attributes).toMatchObject({ 'error.type': code, 'http.response.status_code': 400 })
      expect(operator?.status).toMatchObject({ code: 2, message: code })
      const [customer] = await spansOf('tenant_b', 'refused-b')
      expect(customer?.attributes['error.type']).toBe(code)
    })

    it('records the dispatch metrics that were declared but never recorded', async () => {
      const text = await stack.gateway.metrics.scrape()
      expect(text).toMatch(/gateway_provider_duration_seconds_count\{provider="openai-compatible"\} \d+/)
      expect(text).toContain('gateway_fallback_events_total{provider="openai-compatible",reason=')
      // The mock reports usage on every answer: its tokens are counted by provider type.
      expect(text).toMatch(/gateway_tokens_total\{provider="openai-compatible",type="input"\} \d+/)
      expect(text).toMatch(/gateway_tokens_total\{provider="openai-compatible",type="output"\} \d+/)
    })
  },
)
