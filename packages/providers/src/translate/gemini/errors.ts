// Google error bodies `{"error":{"code","message","status"}}` (Gemini API, Vertex AI) → canonical errors.
import type { CanonicalError } from '../../canonical/types.js'
import { isRecord, optionalNumber, optionalString } from '../json.js'

/** HTTP status per Google RPC status, for errors that arrive inside a 200 stream. */
export const statusByGoogleStatus: Readonly<Record<string, number>> = {
  INVALID_ARGUMENT: 400,
  FAILED_PRECONDITION: 400,
  OUT_OF_RANGE: 400,
  UNAUTHENTICATED: 401,
  PERMISSION_DENIED: 403,
  NOT_FOUND: 404,
  ABORTED: 409,
  ALREADY_EXISTS: 409,
  RESOURCE_EXHAUSTED: 429,
  CANCELLED: 499,
  INTERNAL: 500,
  UNKNOWN: 500,
  DATA_LOSS: 500,
  UNIMPLEMENTED: 501,
  UNAVAILABLE: 503,
  DEADLINE_EXCEEDED: 504,
}

const errorTypeByStatus: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  429: 'rate_limit_error',
}

/**
 * Google error body → canonical error. `code` is the `ErrorInfo` reason when given (e.g.
 * `API_KEY_INVALID`), else the RPC status (`RESOURCE_EXHAUSTED`…). The status is the HTTP status,
 * or the error's own `code` inside a stream; a wrong API key, which Google answers with 400, is
 * reported as 401 `authentication_error` so it reads as the credential problem it is. Accepts the
 * one-element array form that `streamGenerateContent` without `alt=sse` uses.
 *
 * @example
 * decodeGeminiError({ error: { code: 429, message: 'Quota exceeded', status: 'RESOURCE_EXHAUSTED' } }, 429)
 * // { status: 429, errorType: 'rate_limit_error', code: 'RESOURCE_EXHAUSTED', message: 'Quota exceeded' }
 */
export function decodeGeminiError(body: unknown, status?: number): CanonicalError {
  const first = Array.isArray(body) ? body.find(isRecord) : body
  const error = isRecord(first) && isRecord(first.error) ? first.error : {}
  const googleStatus = optionalString(error.status)
  const reason = errorReason(error.details)
  const byGoogleStatus = googleStatus === undefined ? undefined : statusByGoogleStatus[googleStatus]
  let resolved = status ?? optionalNumber(error.code) ?? byGoogleStatus ?? 502
  if (reason === 'API_KEY_INVALID') resolved = 401
  const code = reason ?? googleStatus
  return {
    status: resolved,
    errorType: errorTypeByStatus[resolved] ?? 'api_error',
    ...(code === undefined ? {} : { code }),
    message: optionalString(error.message) ?? 'Upstream error',
  }
}

function errorReason(details: unknown): string | undefined {
  if (!Array.isArray(details)) return undefined
  for (const detail of details) {
    const reason = isRecord(detail) ? optionalString(detail.reason) : undefined
    if (reason !== undefined) return reason
  }
  return undefined
}
