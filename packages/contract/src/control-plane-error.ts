// The error of a failed control-plane call, classified so callers know whether to evict or to retry.
import { type ErrorCode, GatewayError } from './errors.js'

/**
 * - `auth`: the control plane says the key is bad (unknown, revoked, disabled, expired): evict.
 * - `transport`: network error, timeout, 5xx, 429 or an unreadable answer: retry or serve stale.
 * - `rejected`: the control plane refused our request itself (bad signature, 4xx): a misconfiguration.
 */
export type ControlPlaneErrorKind = 'auth' | 'transport' | 'rejected'

/** Options for {@link ControlPlaneError}. */
export interface ControlPlaneErrorOptions {
  kind: ControlPlaneErrorKind
  /** HTTP status the control plane answered, when it answered. */
  upstreamStatus?: number
  /** `error.code` of the control plane's answer, e.g. `virtual_key_not_found`. */
  controlPlaneCode?: string
  cause?: unknown
}

/**
 * A {@link GatewayError} from a control-plane call. `code` is what the gateway answers its client
 * (e.g. `invalid_api_key` for the control plane's `virtual_key_not_found`); `controlPlaneCode`
 * keeps the control plane's own code.
 *
 * @example
 * try { await client.resolveKey(raw) } catch (error) {
 *   if (error instanceof ControlPlaneError && error.kind === 'auth') cache.evict(raw)
 * }
 */
export class ControlPlaneError extends GatewayError {
  readonly kind: ControlPlaneErrorKind
  readonly upstreamStatus: number | undefined
  readonly controlPlaneCode: string | undefined

  constructor(code: ErrorCode, message: string, options: ControlPlaneErrorOptions) {
    super(code, message, {
      cause: options.cause,
      retryable: options.kind === 'transport',
      meta:
        options.controlPlaneCode === undefined ? undefined : { control_plane_code: options.controlPlaneCode },
    })
    this.kind = options.kind
    this.upstreamStatus = options.upstreamStatus
    this.controlPlaneCode = options.controlPlaneCode
  }
}

/** True for a control-plane error of kind `auth`, also across duplicated package copies. */
export function isControlPlaneAuthError(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'auth'
}
