// Records a finished request as spans: the operator span (own trace) and the customer span (caller's trace).
import {
  type Attributes,
  type Context,
  type Link,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  type SpanOptions,
  SpanStatusCode,
  type Tracer,
  trace,
} from '@opentelemetry/api'
import { LANGWATCH_EVENTS, LANGWATCH_ATTRIBUTES as LW } from './attribute-names.js'
import { buildCustomerAttributes, buildOperatorAttributes } from './build-span-attributes.js'
import { parseTraceparent } from './parse-traceparent.js'
import type { RequestTraceFacts } from './request-trace-facts.js'

/** Starts spans that are exported to one tenant (the app routes them by the project's token). */
export interface CustomerSpanSink {
  startSpan(projectOtlpToken: string, name: string, options: SpanOptions, parent: Context): Span
}

/** Options of {@link createRequestSpanRecorder}. */
export interface RequestSpanRecorderOptions {
  /** Tracer of the operator spans, sampled by the app's SDK. Default none: no operator spans. */
  operatorTracer?: Tracer
  /** Where customer spans go. Default none: no customer spans. */
  customerSink?: CustomerSpanSink
  /** Told about a failure inside telemetry (which is swallowed). Default: ignore. */
  onError?: (error: unknown) => void
}

/** Records one finished request; never throws. */
export type RequestSpanRecorder = (facts: RequestTraceFacts) => void

// Route patterns are a closed set, so the span names are built once per route.
function createSpanNamer(): (route: string) => string {
  const names = new Map<string, string>()
  return (route) => {
    let name = names.get(route)
    if (name === undefined) {
      name = `lw_gateway.${route
        .replace(/^\/v1\//, '')
        .replace(/^\//, '')
        .replaceAll('/', '.')}`
      if (names.size < 256) names.set(route, name)
    }
    return name
  }
}

function addEvents(span: Span, facts: RequestTraceFacts): void {
  const attempts = facts.attempts
  if (attempts !== undefined && (attempts.length > 1 || attempts.some((a) => a.outcome !== 'ok'))) {
    for (const attempt of attempts) {
      span.addEvent(LANGWATCH_EVENTS.fallbackAttempt, {
        [LW.modelProviderId]: attempt.providerId,
        'gen_ai.request.model': attempt.model,
        [LW.attemptOutcome]: attempt.outcome,
        'http.response.status_code': attempt.status,
        ...(attempt.error === undefined ? {} : { 'error.type': attempt.error }),
      })
    }
  }
  if (facts.firstTokenTimeMs !== undefined) span.addEvent(LANGWATCH_EVENTS.firstToken, facts.firstTokenTimeMs)
  for (const guardrail of facts.guardrails ?? []) {
    span.addEvent(LANGWATCH_EVENTS.guardrail, {
      [LW.guardrailDirection]: guardrail.direction,
      [LW.guardrailDecision]: guardrail.decision,
      ...(guardrail.guardrailId === undefined ? {} : { [LW.guardrailId]: guardrail.guardrailId }),
    })
  }
  if (facts.budget !== undefined && facts.budget.decision !== 'allow') {
    span.addEvent(LANGWATCH_EVENTS.budget, { [LW.budgetDecision]: facts.budget.decision })
  }
  if (facts.errorCode !== undefined) span.setStatus({ code: SpanStatusCode.ERROR, message: facts.errorCode })
}

/**
 * Creates the recorder the gateway's telemetry step calls once per finished request (streams:
 * when the stream ended or was aborted). The operator span `lw_gateway.<route>` is the root of
 * its own trace, linked to the caller's `traceparent`; a sampled-out one costs one sampler call.
 * The customer span `gen_ai.<operation>` is a child of the caller's trace, exported to the
 * project of `facts.customer.projectOtlpToken`. Telemetry never throws into a request.
 *
 * @example
 * const record = createRequestSpanRecorder({ operatorTracer: trace.getTracer('gateway') })
 * record({ route: '/v1/chat/completions', operation: 'chat', requestId: 'r1', startTimeMs, endTimeMs: Date.now(), status: 200 })
 */
export function createRequestSpanRecorder(options: RequestSpanRecorderOptions): RequestSpanRecorder {
  const { operatorTracer, customerSink, onError } = options
  const spanName = createSpanNamer()
  return function recordRequestSpans(facts) {
    try {
      const caller = parseTraceparent(facts.traceparent, facts.tracestate)
      let operatorAttributes: Attributes | undefined
      if (operatorTracer !== undefined) {
        const links: Link[] | undefined = caller === undefined ? undefined : [{ context: caller }]
        const span = operatorTracer.startSpan(
          spanName(facts.route),
          { kind: SpanKind.SERVER, root: true, startTime: facts.startTimeMs, ...(links && { links }) },
          ROOT_CONTEXT,
        )
        if (span.isRecording()) {
          operatorAttributes = buildOperatorAttributes(facts)
          span.setAttributes(operatorAttributes)
          addEvents(span, facts)
        }
        span.end(facts.endTimeMs)
      }
      const customer = facts.customer
      if (customerSink !== undefined && customer !== undefined && customer.projectOtlpToken !== '') {
        const parent = caller === undefined ? ROOT_CONTEXT : trace.setSpanContext(ROOT_CONTEXT, caller)
        const span = customerSink.startSpan(
          customer.projectOtlpToken,
          `gen_ai.${facts.operation}`,
          {
            kind: SpanKind.CLIENT,
            startTime: facts.startTimeMs,
            attributes: buildCustomerAttributes(facts, operatorAttributes),
          },
          parent,
        )
        addEvents(span, facts)
        span.end(facts.endTimeMs)
      }
    } catch (error) {
      onError?.(error)
    }
  }
}
