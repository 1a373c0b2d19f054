// Parses a W3C `traceparent` header into a span context (no global propagator needed).
import { type SpanContext, TraceFlags } from '@opentelemetry/api'

const traceparentPattern = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/
const invalidTraceId = '0'.repeat(32)
const invalidSpanId = '0'.repeat(16)

/**
 * The remote span context of a `traceparent` header (version 00), or undefined when the header
 * is absent or malformed (all-zero ids included): a bad header never fails a request.
 *
 * @example
 * parseTraceparent('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01')
 * // { traceId: '4bf9…', spanId: '00f0…', traceFlags: 1, isRemote: true }
 */
export function parseTraceparent(
  traceparent: string | undefined,
  tracestate?: string,
): SpanContext | undefined {
  if (traceparent === undefined || traceparent.length !== 55) return undefined
  const match = traceparentPattern.exec(traceparent)
  if (match === null) return undefined
  const [, traceId, spanId, flags] = match as unknown as [string, string, string, string]
  if (traceId === invalidTraceId || spanId === invalidSpanId) return undefined
  const context: SpanContext = {
    traceId,
    spanId,
    traceFlags: Number.parseInt(flags, 16) & TraceFlags.SAMPLED,
    isRemote: true,
  }
  if (tracestate !== undefined && tracestate !== '') {
    context.traceState = createTraceStateView(tracestate)
  }
  return context
}

// A read-only TraceState that re-serialises to the header as received (we never edit it).
function createTraceStateView(header: string): NonNullable<SpanContext['traceState']> {
  const view: NonNullable<SpanContext['traceState']> = {
    set: () => view,
    unset: () => view,
    get: (key) => {
      for (const member of header.split(',')) {
        const at = member.indexOf('=')
        if (at > 0 && member.slice(0, at).trim() === key) return member.slice(at + 1).trim()
      }
      return undefined
    },
    serialize: () => header,
  }
  return view
}
