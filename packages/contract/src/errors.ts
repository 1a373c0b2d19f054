// The one error hierarchy of the gateway: stable codes, their HTTP status and OpenAI-style type.

/**
 * Every stable error code the gateway and control plane emit, with its HTTP status and
 * OpenAI-style `type`. Match on `code`, never on message text or `instanceof`.
 */
export const errorCodes = {
  bad_request: { status: 400, type: 'invalid_request_error' },
  invalid_json: { status: 400, type: 'invalid_request_error' },
  /** Control-plane internal API: a required query parameter is absent (LangWatch's name). */
  missing_parameter: { status: 400, type: 'invalid_request_error' },
  model_not_allowed: { status: 400, type: 'invalid_request_error' },
  no_provider_configured: { status: 400, type: 'invalid_request_error' },
  unsupported_parameter: { status: 400, type: 'invalid_request_error' },
  /** A required field of the client's wire is absent (OpenAI's own code; Anthropic: "Field required"). */
  missing_required_parameter: { status: 400, type: 'invalid_request_error' },
  /** A field of the client's wire has the wrong JSON type (OpenAI's own code). */
  invalid_type: { status: 400, type: 'invalid_request_error' },
  /** A per-end-user budget applies and the request names no end user (header or body `user`). */
  end_user_required: { status: 400, type: 'invalid_request_error' },
  invalid_api_key: { status: 401, type: 'authentication_error' },
  unauthorized: { status: 401, type: 'authentication_error' },
  budget_exceeded: { status: 402, type: 'insufficient_quota' },
  virtual_key_revoked: { status: 403, type: 'permission_error' },
  virtual_key_disabled: { status: 403, type: 'permission_error' },
  virtual_key_expired: { status: 403, type: 'permission_error' },
  guardrail_blocked: { status: 403, type: 'permission_error' },
  policy_violation: { status: 403, type: 'permission_error' },
  forbidden: { status: 403, type: 'permission_error' },
  not_found: { status: 404, type: 'not_found_error' },
  virtual_key_not_found: { status: 404, type: 'not_found_error' },
  /** Control-plane internal API: `/budget-bucket-spend` names no per-end-user budget. */
  budget_not_found: { status: 404, type: 'not_found_error' },

  /** No provider of the key serves the model: 404 as OpenAI and Anthropic answer an unknown model. */
  model_not_found: { status: 404, type: 'invalid_request_error' },
  method_not_allowed: { status: 405, type: 'invalid_request_error' },
  conflict: { status: 409, type: 'invalid_request_error' },
  payload_too_large: { status: 413, type: 'invalid_request_error' },
  unsupported_media_type: { status: 415, type: 'invalid_request_error' },
  request_timeout: { status: 408, type: 'invalid_request_error' },
  rate_limited: { status: 429, type: 'rate_limit_error' },
  /** The gateway rations control-plane lookups of keys it has not cached; this one was not checked. */
  auth_lookup_rate_limited: { status: 429, type: 'rate_limit_error' },
  internal_error: { status: 500, type: 'api_error' },
  not_implemented: { status: 501, type: 'api_error' },
  provider_error: { status: 502, type: 'api_error' },
  circuit_open: { status: 503, type: 'api_error' },
  auth_upstream_unavailable: { status: 503, type: 'api_error' },
  guardrail_upstream_unavailable: { status: 503, type: 'api_error' },
  policy_invalid: { status: 503, type: 'api_error' },
  draining: { status: 503, type: 'api_error' },
  overloaded: { status: 503, type: 'api_error' },
  service_unavailable: { status: 503, type: 'api_error' },
  provider_timeout: { status: 504, type: 'api_error' },
} as const satisfies Record<string, { status: number; type: string }>

/** A stable error code from {@link errorCodes}. */
export type ErrorCode = keyof typeof errorCodes

/** The JSON error envelope every gateway error response carries. */
export interface ErrorEnvelope {
  error: { type: string; code: string; message: string; meta?: Record<string, unknown> }
}

/** Options for {@link GatewayError}. */
export interface GatewayErrorOptions {
  /** Overrides the status of the code's table entry (e.g. an upstream status passed through). */
  status?: number
  /** Extra, non-secret facts for the client: the variable to change, the limit, the model. */
  meta?: Record<string, unknown>
  /** Whether trying again later (or elsewhere) can succeed. Defaults by status (429, 5xx). */
  retryable?: boolean
  /** Seconds the client should wait, sent as `Retry-After`. */
  retryAfter?: number
  cause?: unknown
}

/**
 * The error every package throws. Carries a stable `code`, the HTTP `status`, the OpenAI-style
 * `type` and whether it is retryable; one `onError` turns it into the envelope.
 *
 * @example
 * throw new GatewayError('model_not_allowed', 'Model "gpt-5" is not allowed for this key', {
 *   meta: { model: 'gpt-5' },
 * })
 */
export class GatewayError extends Error {
  override readonly name = 'GatewayError'
  readonly code: ErrorCode
  readonly status: number
  readonly type: string
  readonly retryable: boolean
  readonly meta: Record<string, unknown> | undefined
  readonly retryAfter: number | undefined

  constructor(code: ErrorCode, message: string, options: GatewayErrorOptions = {}) {
    const entry = errorCodes[code]
    const status = options.status ?? entry.status
    // A refusal of the client's request (< 500) is expected, not a fault: capturing a stack costs
    // microseconds per refused request (a flood of unknown keys is thousands a second) and no one
    // reads it. Server-side errors keep theirs.
    const limit = Error.stackTraceLimit
    if (status < 500) Error.stackTraceLimit = 0
    try {
      super(message, options.cause === undefined ? undefined : { cause: options.cause })
    } finally {
      Error.stackTraceLimit = limit
    }
    this.code = code
    this.status = status
    this.type = entry.type
    this.retryable = options.retryable ?? (this.status === 429 || this.status >= 500)
    this.meta = options.meta
    this.retryAfter = options.retryAfter
  }

  /** The JSON envelope for this error. */
  toEnvelope(): ErrorEnvelope {
    return toErrorEnvelope(this.code, this.message, this.type, this.meta)
  }
}

/** True for a {@link GatewayError}, also across duplicated package copies (matches on shape). */
export function isGatewayError(value: unknown): value is GatewayError {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { name?: unknown }).name === 'GatewayError' &&
    typeof (value as { code?: unknown }).code === 'string'
  )
}

/**
 * Builds the error envelope `{"error":{type,code,message,meta?}}`.
 *
 * @example
 * toErrorEnvelope('not_found', 'No route GET /v2')
 */
export function toErrorEnvelope(
  code: string,
  message: string,
  type: string = errorCodes[code as ErrorCode]?.type ?? 'api_error',
  meta?: Record<string, unknown>,
): ErrorEnvelope {
  return meta === undefined ? { error: { type, code, message } } : { error: { type, code, message, meta } }
}

/** Anthropic's error shape, used on `/v1/messages` routes. */
export interface AnthropicErrorEnvelope {
  type: 'error'
  error: { type: string; message: string }
}

const anthropicTypeByStatus: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'billing_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  503: 'overloaded_error',
  504: 'timeout_error',
  529: 'overloaded_error',
}

/**
 * Anthropic's error `type` for an HTTP status (the one table of it: the gateway's envelopes, the
 * translated errors and Bedrock's Claude stream errors all use it). Unknown statuses map to
 * `invalid_request_error` below 500 and `api_error` from 500.
 *
 * @example
 * anthropicErrorTypeForStatus(529) // 'overloaded_error'
 * anthropicErrorTypeForStatus(418) // 'invalid_request_error'
 */
export function anthropicErrorTypeForStatus(status: number): string {
  return anthropicTypeByStatus[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error')
}

/**
 * Builds Anthropic's error envelope for a status; our stable code is kept in the message prefix
 * so Anthropic SDKs (which read `error.type`) and operators (who grep codes) both get theirs.
 *
 * @example
 * toAnthropicErrorEnvelope(401, 'invalid_api_key', 'Invalid API key')
 */
export function toAnthropicErrorEnvelope(
  status: number,
  code: string,
  message: string,
): AnthropicErrorEnvelope {
  const type = anthropicErrorTypeForStatus(status)
  return { type: 'error', error: { type, message: `${code}: ${message}` } }
}
