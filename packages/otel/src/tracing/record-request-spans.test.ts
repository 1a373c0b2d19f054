import { type Context, SpanKind, type SpanOptions, SpanStatusCode } from '@opentelemetry/api'
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BasicTracerProvider,
  InMemorySpanExporter,
  type Sampler,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base'
import { describe, expect, it } from 'vitest'
import { type CustomerSpanSink, createRequestSpanRecorder } from './record-request-spans.js'
import type { RequestTraceFacts } from './request-trace-facts.js'

const callerTraceId = '4bf92f3577b34da6a3ce929d0e0e4736'
const callerSpanId = '00f067aa0ba902b7'

function createTracing(sampler: Sampler = new AlwaysOnSampler()) {
  const operator = new InMemorySpanExporter()
  const customer = new InMemorySpanExporter()
  const operatorProvider = new BasicTracerProvider({
    sampler,
    spanProcessors: [new SimpleSpanProcessor(operator)],
  })
  const customerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(customer)] })
  const tokens: string[] = []
  const customerSink: CustomerSpanSink = {
    startSpan(token: string, name: string, options: SpanOptions, parent: Context) {
      tokens.push(token)
      return customerProvider.getTracer('test').startSpan(name, options, parent)
    },
  }
  const errors: unknown[] = []
  const record = createRequestSpanRecorder({
    operatorTracer: operatorProvider.getTracer('test'),
    customerSink,
    onError: (error) => errors.push(error),
  })
  return { record, operator, customer, tokens, errors }
}

function chatFacts(overrides: Partial<RequestTraceFacts> = {}): RequestTraceFacts {
  return {
    route: '/v1/chat/completions',
    operation: 'chat',
    requestId: 'req-1',
    startTimeMs: 1_700_000_000_000,
    endTimeMs: 1_700_000_000_250,
    status: 200,
    traceparent: `00-${callerTraceId}-${callerSpanId}-01`,
    key: { virtualKeyId: 'vk_1', projectId: 'proj_1', principalId: 'user_1' },
    requestedModel: 'fast',
    requestModel: 'gpt-4o-mini',
    responseModel: 'gpt-4o-mini-2024-07-18',
    system: 'openai',
    providerId: 'mp_openai',
    maxTokens: 64,
    temperature: 0.2,
    finishReasons: ['stop'],
    usage: {
      inputTokens: 10,
      outputTokens: 5,
      cacheReadInputTokens: 2,
      cacheCreationInputTokens: 1,
      reasoningTokens: 3,
    },
    costMicroUsd: 1500,
    customer: {
      projectOtlpToken: 'tok_1',
      labels: ['beta'],
      endUserId: 'end-7',
      inputMessages: '[{"role":"user","content":"secret question"}]',
      outputMessages: '[{"role":"assistant","content":"secret answer"}]',
    },
    ...overrides,
  }
}

describe('createRequestSpanRecorder', () => {
  it('records the operator span as a root linked to the caller, with gen_ai and langwatch attributes', () => {
    const { record, operator } = createTracing()
    record(chatFacts())
    const [span] = operator.getFinishedSpans()
    expect(span?.name).toBe('lw_gateway.chat.completions')
    expect(span?.kind).toBe(SpanKind.SERVER)
    expect(span?.parentSpanContext).toBeUndefined()
    expect(span?.spanContext().traceId).not.toBe(callerTraceId)
    expect(span?.links[0]?.context).toMatchObject({ traceId: callerTraceId, spanId: callerSpanId })
    expect(span?.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.system': 'openai',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.response.model': 'gpt-4o-mini-2024-07-18',
      'gen_ai.request.max_tokens': 64,
      'gen_ai.request.temperature': 0.2,
      'gen_ai.response.finish_reasons': ['stop'],
      'gen_ai.usage.input_tokens': 10,
      'gen_ai.usage.output_tokens': 5,
      'gen_ai.usage.cache_read.input_tokens': 2,
      'gen_ai.usage.cache_creation.input_tokens': 1,
      'gen_ai.usage.reasoning.output_tokens': 3,
      'langwatch.virtual_key_id': 'vk_1',
      'langwatch.project_id': 'proj_1',
      'langwatch.principal_id': 'user_1',
      'langwatch.gateway_request_id': 'req-1',
      'langwatch.model_provider_id': 'mp_openai',
      'langwatch.cost_usd': 0.0015,
    })
    expect(span?.duration).toEqual([0, 250_000_000])
  })

  it('never puts message content, labels or the end user on the operator span', () => {
    const { record, operator } = createTracing()
    record(chatFacts())
    const text = JSON.stringify(operator.getFinishedSpans()[0]?.attributes)
    expect(text).not.toContain('secret')
    expect(text).not.toContain('end-7')
    expect(text).not.toContain('tok_1')
  })

  it('records the customer span as a child of the caller with content, labels and the requested model', () => {
    const { record, customer, tokens } = createTracing()
    record(chatFacts())
    const [span] = customer.getFinishedSpans()
    expect(tokens).toEqual(['tok_1'])
    expect(span?.name).toBe('gen_ai.chat')
    expect(span?.spanContext().traceId).toBe(callerTraceId)
    expect(span?.parentSpanContext?.spanId).toBe(callerSpanId)
    expect(span?.attributes).toMatchObject({
      'langwatch.requested_model': 'fast',
      'langwatch.labels': ['beta'],
      'langwatch.end_user_id': 'end-7',
      'gen_ai.input.messages': '[{"role":"user","content":"secret question"}]',
      'gen_ai.output.messages': '[{"role":"assistant","content":"secret answer"}]',
      'gen_ai.usage.input_tokens': 10,
    })
    expect(JSON.stringify(span?.attributes)).not.toContain('tok_1')
  })

  it('records fallback attempts as events with provider and outcome, and the error code as status', () => {
    const { record, operator } = createTracing()
    record(
      chatFacts({
        status: 502,
        errorCode: 'provider_error',
        attempts: [
          { providerId: 'mp_a', model: 'gpt-4o', status: 503, outcome: 'error', error: 'provider_error' },
          { providerId: 'mp_b', model: 'gpt-4o', status: 0, outcome: 'skipped', error: 'circuit_open' },
        ],
        guardrails: [{ direction: 'request', decision: 'allow', guardrailId: 'gr_1' }],
        budget: { decision: 'warn', budgetId: 'b_1', scope: 'project' },
      }),
    )
    const [span] = operator.getFinishedSpans()
    const attempts = span?.events.filter((event) => event.name === 'langwatch.fallback.attempt')
    expect(attempts?.map((event) => event.attributes)).toEqual([
      expect.objectContaining({
        'langwatch.model_provider_id': 'mp_a',
        'langwatch.attempt.outcome': 'error',
      }),
      expect.objectContaining({ 'langwatch.model_provider_id': 'mp_b', 'error.type': 'circuit_open' }),
    ])
    expect(span?.events.find((event) => event.name === 'langwatch.guardrail')?.attributes).toMatchObject({
      'langwatch.guardrail.decision': 'allow',
      'langwatch.guardrail.id': 'gr_1',
    })
    expect(span?.attributes).toMatchObject({
      'error.type': 'provider_error',
      'langwatch.budget.decision': 'warn',
    })
    expect(span?.status).toEqual({ code: SpanStatusCode.ERROR, message: 'provider_error' })
  })

  it("puts the routing strategy's decision on the span", () => {
    const { record, operator } = createTracing()
    record(chatFacts({ routing: { strategy: 'least_latency', providerId: 'mp_b', policyId: 'rp_1' } }))
    const [span] = operator.getFinishedSpans()
    expect(span?.attributes).toMatchObject({
      'langwatch.routing.strategy': 'least_latency',
      'langwatch.routing.provider_id': 'mp_b',
      'langwatch.routing.policy_id': 'rp_1',
    })
    record(chatFacts({}))
    expect(operator.getFinishedSpans()[1]?.attributes['langwatch.routing.strategy']).toBeUndefined()
  })

  it('records time to first token as an attribute and an event of a stream', () => {
    const { record, operator } = createTracing()
    record(chatFacts({ stream: true, firstTokenTimeMs: 1_700_000_000_040 }))
    const [span] = operator.getFinishedSpans()
    expect(span?.attributes['gen_ai.response.time_to_first_chunk']).toBeCloseTo(0.04)
    expect(span?.events.find((event) => event.name === 'gen_ai.first_token')?.time).toEqual([
      1_700_000_000, 40_000_000,
    ])
  })

  it('exports no operator span when sampled out, and the customer span regardless', () => {
    const { record, operator, customer } = createTracing(new AlwaysOffSampler())
    record(chatFacts())
    expect(operator.getFinishedSpans()).toHaveLength(0)
    expect(customer.getFinishedSpans()).toHaveLength(1)
  })

  it('starts no customer span for a project without an OTLP token', () => {
    const { record, customer } = createTracing()
    record(chatFacts({ customer: { projectOtlpToken: '' } }))
    record(chatFacts({ customer: undefined }))
    expect(customer.getFinishedSpans()).toHaveLength(0)
  })

  it('swallows a failing sink and reports it, so telemetry never throws into a request', () => {
    const errors: unknown[] = []
    const record = createRequestSpanRecorder({
      customerSink: {
        startSpan() {
          throw new Error('exporter exploded')
        },
      },
      onError: (error) => errors.push(error),
    })
    expect(() => record(chatFacts())).not.toThrow()
    expect(errors).toHaveLength(1)
  })
})
