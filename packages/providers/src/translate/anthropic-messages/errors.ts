// Anthropic error bodies ⇄ canonical errors.
import { anthropicErrorTypeForStatus } from '@gw/contract'
import type { CanonicalError } from '../../canonical/types.js'
import { isRecord, optionalString } from '../json.js'
import type { AnthropicErrorBody } from './types.js'

const openaiTypeByAnthropicType: Record<string, string> = {
  overloaded_error: 'api_error',
  billing_error: 'insufficient_quota',
  request_too_large: 'invalid_request_error',
  timeout_error: 'api_error',
}

/** Canonical error → Anthropic `{"type":"error","error":{type,message}}`; the type follows the status. */
export function encodeAnthropicError(error: CanonicalError): AnthropicErrorBody {
  const type = anthropicErrorTypeForStatus(error.status ?? 500)
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
