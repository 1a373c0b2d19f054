// Step "trace request": spans (operator, customer) and dispatch metrics of a finished request.
import { isGatewayError } from '@gw/contract'
import { recordDispatchMetrics } from '@gw/otel'
import { buildTraceFacts, customerTokenOf, providerTypeOf } from '../telemetry/build-trace-facts.js'
import type { RequestTelemetry } from '../telemetry/create-request-telemetry.js'
import type { RequestState } from './request-state.js'

function recordMetrics(telemetry: RequestTelemetry, state: RequestState): void {
  const result = state.result
  if (result === undefined) return
  const last = result.records.length - 1
  recordDispatchMetrics(telemetry.metrics, {
    durationSeconds: (performance.now() - state.context.startedAt) / 1000,
    provider: providerTypeOf(state, result.providerId),
    fallbacks: result.records.slice(0, Math.max(last, 0)).map((record) => ({
      provider: providerTypeOf(state, record.providerId) ?? 'other',
      reason: record.error,
    })),
    usage: result.usage,
    costMicroUsd: result.costMicroUsd,
  })
}

/**
 * Called once per proxied request after the response ended (a stream: ended or aborted), with
 * the error the client got, if any. Records `gateway_provider_duration_seconds` (arrival to the
 * end of the upstream answer, by provider type), `gateway_fallback_events_total`, tokens and
 * spend, then the
 * spans. Without a trace destination the span part returns at once, and so it does without
 * operator spans for a key whose project has no OTLP token; a sampled-out operator span costs
 * one sampler call. Telemetry never throws into a request.
 *
 * @example
 * traceRequest(services.telemetry, state, failure)
 */
export function traceRequest(
  telemetry: RequestTelemetry | undefined,
  state: RequestState,
  failure: unknown,
): void {
  if (telemetry === undefined) return
  try {
    recordMetrics(telemetry, state)
    const recordSpans = telemetry.recordSpans
    if (recordSpans === undefined) return
    // Without operator spans only a key whose project has an OTLP token has a span to record.
    if (!telemetry.tracing.operatorSpans && customerTokenOf(state.key) === undefined) return
    recordSpans(buildTraceFacts(state, isGatewayError(failure) ? failure.code : undefined))
  } catch (error) {
    state.context.logger.debug({ err: error }, 'telemetry_failed')
  }
}
