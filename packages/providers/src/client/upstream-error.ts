// Turns an upstream error response captured by a client sink into a GatewayError.
import { GatewayError } from '@gw/contract'
import { type FlatHeaders, findHeader } from '../utils/http-headers.js'
import { objectField, parseJsonSafely } from '../utils/json-fields.js'

/**
 * Wraps an upstream error answer: the upstream status is kept, the provider's own message and
 * body are exposed (`meta.upstream`), `retry-after` carried over.
 *
 * @example
 * toUpstreamError(429, ['retry-after', '2'], Buffer.from('{"error":{"message":"slow down"}}'))
 */
export function toUpstreamError(status: number, headers: FlatHeaders, body: Buffer): GatewayError {
  const text = body.toString('utf8')
  const parsed = parseJsonSafely(text)
  const message = objectField(parsed, 'error')?.message
  const retryAfter = Number(findHeader(headers, 'retry-after'))
  return new GatewayError(
    status === 429 ? 'rate_limited' : 'provider_error',
    typeof message === 'string' ? message : `The provider answered HTTP ${status}`,
    {
      status,
      ...(Number.isFinite(retryAfter) && retryAfter >= 0 ? { retryAfter } : {}),
      meta: { provider: findHeader(headers, 'x-langwatch-provider'), upstream: parsed ?? text },
    },
  )
}
