// Turns a non-success control-plane answer into a classified ControlPlaneError (pure, no I/O).
import { ControlPlaneError } from './control-plane-error.js'
import type { ErrorCode } from './errors.js'
import { readControlPlaneError } from './schemas/error-body.js'

/** Which endpoint family answered: key lookups have auth semantics, the others do not. */
export type ControlPlaneEndpoint = 'key' | 'other'

// Codes by which the control plane says "this key is not usable" (as opposed to "your request is").
const keyStateCodes: Readonly<Record<string, ErrorCode>> = {
  virtual_key_revoked: 'virtual_key_revoked',
  virtual_key_disabled: 'virtual_key_disabled',
  virtual_key_expired: 'virtual_key_expired',
  virtual_key_not_found: 'invalid_api_key',
  invalid_api_key: 'invalid_api_key',
  not_found: 'invalid_api_key',
}

/**
 * Classifies a failed answer. On key endpoints, 401/403/404 carrying a key-state code (or no
 * readable code, except a bare 403) is `auth`; a 401/403 with another code (e.g. a refused signature) is
 * `rejected`, because evicting keys for our own misconfiguration would lock every client out.
 * 5xx and 429 are `transport`.
 *
 * @example
 * throw classifyControlPlaneFailure('key', 403, { error: { code: 'virtual_key_revoked' } })
 */
export function classifyControlPlaneFailure(
  endpoint: ControlPlaneEndpoint,
  status: number,
  body: unknown,
): ControlPlaneError {
  const controlPlaneCode = readControlPlaneError(body)?.error.code
  const unavailable: ErrorCode = endpoint === 'key' ? 'auth_upstream_unavailable' : 'service_unavailable'
  const described = `control plane answered ${status}${controlPlaneCode ? ` ${controlPlaneCode}` : ''}`
  const base = { upstreamStatus: status, controlPlaneCode }
  if (status >= 500 || status === 429 || status === 408) {
    return new ControlPlaneError(unavailable, described, { ...base, kind: 'transport' })
  }
  if (endpoint === 'key' && (status === 401 || status === 403 || status === 404 || status === 410)) {
    const keyCode = controlPlaneCode === undefined ? undefined : keyStateCodes[controlPlaneCode]
    if (keyCode !== undefined) return new ControlPlaneError(keyCode, described, { ...base, kind: 'auth' })
    // The contract answers an unknown or malformed key with a bare 401; a bare 403 could be any proxy.
    if (controlPlaneCode === undefined && status !== 403) {
      return new ControlPlaneError('invalid_api_key', described, { ...base, kind: 'auth' })
    }
    return new ControlPlaneError(unavailable, described, { ...base, kind: 'rejected' })
  }
  const code: ErrorCode = endpoint === 'key' ? 'auth_upstream_unavailable' : 'internal_error'
  return new ControlPlaneError(code, described, { ...base, kind: 'rejected' })
}
