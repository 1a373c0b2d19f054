// Writes the one access line per request: id, method, route, status, timing, bytes, route facts.
import { boundedMemo } from '@gw/providers/internal'
import type { Logger } from 'pino'
import type { RequestContext } from '../http/request-context.js'
import { type LineSink, lineSinkOf } from './create-logger.js'

/** What the listener measured for one finished (or abandoned) response. */
export interface AccessLogEntry {
  method: string
  /** Path without the query string (queries may carry keys, e.g. Gemini's `?key=`). */
  path: string
  route: string
  status: number
  durationMs: number
  bytes: number
  /** True when the connection closed before the response finished. */
  aborted: boolean
}

// Probes and scrapes arrive every few seconds per pod; at info they would drown real traffic.
const opsRoutes = new Set(['/healthz', '/livez', '/readyz', '/startupz', '/metrics'])

const roundedMs = (ms: number): number => Math.round(ms * 1000) / 1000

/** The access line's fields, in the order they are written (pino drops the undefined ones). */
export function accessLogFields(context: RequestContext, entry: AccessLogEntry): Record<string, unknown> {
  return {
    request_id: context.requestId,
    method: entry.method,
    route: entry.route,
    path: entry.path,
    status: entry.status,
    duration_ms: roundedMs(entry.durationMs),
    bytes: entry.bytes,
    aborted: entry.aborted || undefined,
    streaming: context.streaming || undefined,
    provider: context.provider,
    model: context.model,
    key_prefix: context.keyPrefix,
    input_tokens: context.inputTokens,
    output_tokens: context.outputTokens,
    attempts: context.attempts,
    ttfb_ms: context.ttfbMs === undefined ? undefined : roundedMs(context.ttfbMs),
  }
}

// JSON text of a number the way JSON.stringify writes it (null for NaN and ±Infinity).
const num = (value: number): string => (Number.isFinite(value) ? String(value) : 'null')
const text = JSON.stringify as (value: string) => string

/**
 * `JSON.stringify(value)` remembered: methods, routes, provider ids, model names and key
 * prefixes repeat from one request to the next, and a lookup (≈ 20 ns) costs less than quoting
 * again (≈ 70 ns). Bounded: a flood of distinct values (a client inventing model names) empties
 * the memo every 512 and costs what quoting always did.
 *
 * @example
 * quoted('gpt-4o') // '"gpt-4o"'
 */
export const quoted: (value: string) => string = boundedMemo(512, text)

/**
 * `num(roundedMs(ms))` without printing a fraction: integers print from V8's number-string cache
 * (≈ 45 ns) where a double takes the shortest-representation algorithm (≈ 165 ns). A millisecond
 * count rounded to three decimals reads the same either way (tested against `String`).
 */
export function millisecondsText(ms: number): string {
  if (!Number.isFinite(ms)) return 'null'
  const micros = Math.round(ms * 1000)
  if (!(micros >= 0 && micros < 1e15)) return String(micros / 1000)
  const whole = Math.floor(micros / 1000)
  const frac = micros - whole * 1000
  if (frac === 0) return String(whole)
  if (frac % 100 === 0) return `${whole}.${frac / 100}`
  if (frac % 10 === 0) return `${whole}.${frac < 100 ? '0' : ''}${frac / 10}`
  return `${whole}.${frac < 10 ? '00' : frac < 100 ? '0' : ''}${frac}`
}

/**
 * The same line pino would write for {@link accessLogFields}, serialised directly: pino's generic
 * serialiser (field loop, redaction, hooks) cost ≈ 3 µs per request against ≈ 0.5 µs here.
 * `accessLine` and pino's output are compared field by field, in order, in `access-log.test.ts`.
 */
function accessLine(sink: LineSink, level: string, context: RequestContext, entry: AccessLogEntry): string {
  // A path is the client's (any 404 brings another): remembered only when it is the route's.
  const route = quoted(entry.route)
  const path = entry.path === entry.route ? route : text(entry.path)
  let line = `{"level":"${level}","time":${Date.now()}${sink.bindings},"request_id":${text(context.requestId)},"method":${quoted(entry.method)},"route":${route},"path":${path},"status":${num(entry.status)},"duration_ms":${millisecondsText(entry.durationMs)},"bytes":${num(entry.bytes)}`
  if (entry.aborted) line += ',"aborted":true'
  if (context.streaming) line += ',"streaming":true'
  if (context.provider !== undefined) line += `,"provider":${quoted(context.provider)}`
  if (context.model !== undefined) line += `,"model":${quoted(context.model)}`
  if (context.keyPrefix !== undefined) line += `,"key_prefix":${quoted(context.keyPrefix)}`
  if (context.inputTokens !== undefined) line += `,"input_tokens":${num(context.inputTokens)}`
  if (context.outputTokens !== undefined) line += `,"output_tokens":${num(context.outputTokens)}`
  if (context.attempts !== undefined) line += `,"attempts":${num(context.attempts)}`
  if (context.ttfbMs !== undefined) line += `,"ttfb_ms":${millisecondsText(context.ttfbMs)}`
  return `${line},"msg":"access"}\n`
}

/**
 * Logs `access` at info (debug for probes and /metrics). Fields set by routes on the request
 * context (provider, model, key prefix, tokens, attempts, ttfb) are included when set. A logger
 * made by `createLogger` gets the line serialised directly; any other logger through pino.
 *
 * @example
 * writeAccessLog(logger, context, { method: 'GET', path: '/v1/models', route: '/v1/models', status: 200, durationMs: 1.2, bytes: 512, aborted: false })
 */
export function writeAccessLog(logger: Logger, context: RequestContext, entry: AccessLogEntry): void {
  const level = opsRoutes.has(entry.route) ? 'debug' : 'info'
  if (!logger.isLevelEnabled(level)) return
  const sink = lineSinkOf(logger)
  if (sink === undefined) logger[level](accessLogFields(context, entry), 'access')
  else sink.write(accessLine(sink, level, context, entry))
}
