// Anthropic error bodies ⇄ canonical errors.
import type { CanonicalError } from '../../canonical/types.js'
import { isRecord, optionalString } from '../json.js'
import type { AnthropicErrorBody } from './types.js'

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

const openaiTypeByAnthropicType: Record<string, string> = {
  overloaded_error: 'api_error',
  billing_error: 'insufficient_quota',
  request_too_large: 'invalid_request_error',
  timeout_error: 'api_error',
}

/** Canonical error → Anthropic `{"type":"error","error":{type,message}}`; the type follows the status. */
export function encodeAnthropicError(error: CanonicalError): AnthropicErrorBody {
  const byStatus = error.status === undefined ? undefined : anthropicTypeByStatus[error.status]
  const type =
    byStatus ?? (error.status !== undefined && error.status < 500 ? 'invalid_request_error' : 'api_error')
  const message = error.code === undefined ? error.message : `${error.code}: ${error.message}`
  return { type: 'error', error: { type, message } }
}

/** Anthropic error body → canonical error (OpenAI-style type, Anthropic type kept as the code). */
export function decodeAnthropicError(body: unknown, status?: number): CanonicalError {
  const error = isRecord(body) && isRecord(body.error) ? body.error : {}
  const anthropicType = optionalString(error.type) ?? 'api_error'
  return {
    ...(status === undefined ? {} : { status }),
    errorType: openaiTypeByAnthropicType[anthropicType] ?? anthropicType,
    code: anthropicType,
    message: optionalString(error.message) ?? 'Upstream error',
  }
}
