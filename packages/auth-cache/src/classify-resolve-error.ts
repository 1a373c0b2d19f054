// Sorts resolver failures into "the key is bad" (evict, cache negatively) and "upstream failed".
import { type ErrorCode, GatewayError, isGatewayError } from '@gw/contract'

const clientMessages = {
  invalid_api_key: 'Invalid API key',
  virtual_key_revoked: 'This virtual key has been revoked',
  virtual_key_disabled: 'This virtual key is disabled',
  virtual_key_expired: 'This virtual key has expired',
  auth_upstream_unavailable: 'The authentication service is unavailable; try again shortly',
} as const satisfies Partial<Record<ErrorCode, string>>

type ClientAuthCode = keyof typeof clientMessages

const keyStateCodes: ReadonlySet<string> = new Set([
  'virtual_key_revoked',
  'virtual_key_disabled',
  'virtual_key_expired',
  'invalid_api_key',
])

/**
 * True when the failure says the key itself is bad: an error of `kind: 'auth'`, or (for errors
 * without a kind) a GatewayError with status 401, 403 or 404.
 *
 * @example
 * isAuthFailure(new GatewayError('virtual_key_revoked', 'revoked')) // true
 */
export function isAuthFailure(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false
  const kind = (error as { kind?: unknown }).kind
  if (kind !== undefined) return kind === 'auth'
  return isGatewayError(error) && (error.status === 401 || error.status === 403 || error.status === 404)
}

/**
 * The error a client sees for a key lookup that failed: one of the four key codes when the key is
 * bad, else `auth_upstream_unavailable`. Messages are fixed: nothing of the key or upstream leaks.
 *
 * @example
 * throw toClientAuthError(error, isAuthFailure(error))
 */
export function toClientAuthError(error: unknown, authFailure: boolean): GatewayError {
  let code: ClientAuthCode = 'auth_upstream_unavailable'
  if (authFailure) {
    const upstream = isGatewayError(error) ? error.code : undefined
    code =
      upstream !== undefined && keyStateCodes.has(upstream) ? (upstream as ClientAuthCode) : 'invalid_api_key'
  }
  return new GatewayError(code, clientMessages[code], { cause: error })
}

/**
 * A fixed client error for a key code.
 *
 * @example
 * throw clientAuthError('virtual_key_expired')
 */
export function clientAuthError(code: ClientAuthCode): GatewayError {
  return new GatewayError(code, clientMessages[code])
}
