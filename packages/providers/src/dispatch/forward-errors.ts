// The gateway errors a forward ends with when no upstream response can be returned.
import { GatewayError } from '@gw/contract'
import type { WalkResult } from './walk-candidates.js'

/** Why nothing ran: every circuit open, every candidate unusable, or no candidate at all. */
export function nothingRanError(walk: WalkResult): GatewayError {
  if (walk.openCircuits > 0) {
    const providers = walk.records
      .filter((record) => record.error === 'circuit_open')
      .map((r) => r.providerId)
    return new GatewayError(
      'circuit_open',
      `Every provider for this request has an open circuit (${providers.join(', ')}): retry after the cooldown`,
      { meta: { providers } },
    )
  }
  if (walk.unusable !== undefined) return walk.unusable
  return new GatewayError('no_provider_configured', 'No provider is configured to serve this request')
}

/** The last attempt failed without an HTTP answer: 504 on timeouts, else 502. `provider` is its handle or id. */
export function networkFailureError(
  providerId: string,
  error: Error,
  timeout: boolean,
  attempts: number,
): GatewayError {
  const detail = (error as { code?: string }).code ?? error.message
  const meta = { provider: providerId, attempts }
  return timeout
    ? new GatewayError('provider_timeout', `Provider "${providerId}" did not answer in time (${detail})`, {
        meta,
        cause: error,
      })
    : new GatewayError('provider_error', `Provider "${providerId}" could not be reached (${detail})`, {
        meta,
        cause: error,
      })
}
