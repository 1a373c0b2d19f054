// Writes the one access line per request: id, method, route, status, timing, bytes, route facts.
import type { Logger } from 'pino'
import type { RequestContext } from '../http/request-context.js'

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

/**
 * Logs `access` at info (debug for probes and /metrics). Fields set by routes on the request
 * context (provider, model, key prefix, tokens, attempts, ttfb) are included when set.
 *
 * @example
 * writeAccessLog(logger, context, { method: 'GET', path: '/v1/models', route: '/v1/models', status: 200, durationMs: 1.2, bytes: 512, aborted: false })
 */
export function writeAccessLog(logger: Logger, context: RequestContext, entry: AccessLogEntry): void {
  const level = opsRoutes.has(entry.route) ? 'debug' : 'info'
  if (!logger.isLevelEnabled(level)) return
  logger[level](
    {
      request_id: context.requestId,
      method: entry.method,
      route: entry.route,
      path: entry.path,
      status: entry.status,
      duration_ms: Math.round(entry.durationMs * 1000) / 1000,
      bytes: entry.bytes,
      aborted: entry.aborted || undefined,
      streaming: context.streaming || undefined,
      provider: context.provider,
      model: context.model,
      key_prefix: context.keyPrefix,
      input_tokens: context.inputTokens,
      output_tokens: context.outputTokens,
      attempts: context.attempts,
      ttfb_ms: context.ttfbMs,
    },
    'access',
  )
}
