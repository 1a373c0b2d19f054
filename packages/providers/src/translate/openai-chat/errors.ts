// OpenAI error bodies (Chat and Responses share them) ⇄ canonical errors.
import type { CanonicalError } from '../../canonical/types.js'
import { isRecord, optionalString } from '../json.js'
import type { OpenAIErrorBody } from './types.js'

const typeByStatus: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'insufficient_quota',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'invalid_request_error',
  429: 'rate_limit_error',
}

/** Canonical error → `{"error":{type,code,message,param}}`. */
export function encodeOpenAIError(error: CanonicalError): OpenAIErrorBody {
  return { error: { type: error.errorType, code: error.code ?? null, message: error.message, param: null } }
}

/** OpenAI error body → canonical error; a missing type is derived from the status. */
export function decodeOpenAIError(body: unknown, status?: number): CanonicalError {
  const error = isRecord(body) && isRecord(body.error) ? body.error : isRecord(body) ? body : {}
  const fallbackType = status === undefined ? 'api_error' : (typeByStatus[status] ?? 'api_error')
  const code = optionalString(error.code)
  return {
    ...(status === undefined ? {} : { status }),
    errorType: optionalString(error.type) ?? fallbackType,
    ...(code === undefined ? {} : { code }),
    message: optionalString(error.message) ?? 'Upstream error',
  }
}
