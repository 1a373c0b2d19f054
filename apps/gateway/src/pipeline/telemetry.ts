// Step "telemetry": copies the forward result into the request's record (access log line and metrics).
import type { ForwardResult } from '@gw/providers'
import type { RequestContext } from '../http/request-context.js'

/**
 * Records provider, model, attempts, tokens and time to first byte on the request context; the
 * access line and the request metrics are written from it when the response closes. Never throws.
 *
 * @example
 * recordTelemetry(state.context, state.result)
 */
export function recordTelemetry(context: RequestContext, result: ForwardResult): void {
  context.provider = result.providerId
  context.model = result.model
  context.attempts = result.attempts
  if (result.usage !== undefined) {
    context.inputTokens = result.usage.inputTokens
    context.outputTokens = result.usage.outputTokens
  }
  const last = result.records[result.records.length - 1]
  if (last !== undefined && last.ttfbMs > 0) context.ttfbMs = last.ttfbMs
  if (result.streamed) context.markStreaming()
}
