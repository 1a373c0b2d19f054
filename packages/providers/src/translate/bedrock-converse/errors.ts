// Bedrock error responses (`{"message"}` + `x-amzn-errortype`) and stream exceptions → canonical errors.
import type { CanonicalError } from '../../canonical/types.js'
import { isRecord, optionalString } from '../json.js'

/** Our status per Bedrock exception (lower-camel stream exception names are matched case-insensitively). */
const statusByException: Record<string, number> = {
  validationexception: 400,
  servicequotaexceededexception: 429,
  throttlingexception: 429,
  modelnotreadyexception: 429,
  accessdeniedexception: 403,
  unrecognizedclientexception: 401,
  invalidsignatureexception: 401,
  incompletesignatureexception: 401,
  missingauthenticationtokenexception: 401,
  expiredtokenexception: 401,
  resourcenotfoundexception: 404,
  conflictexception: 409,
  modelerrorexception: 502,
  modelstreamerrorexception: 502,
  internalserverexception: 500,
  serviceunavailableexception: 503,
  modeltimeoutexception: 504,
}

const errorTypeByStatus: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  409: 'invalid_request_error',
  429: 'rate_limit_error',
}

/**
 * The exception name of an `x-amzn-errortype` header (`ThrottlingException:http://internal…`).
 *
 * @example
 * bedrockErrorType('ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/') // 'ThrottlingException'
 */
export function bedrockErrorType(header: string | undefined): string | undefined {
  const name = header?.split(':')[0]?.trim()
  return name === undefined || name === '' ? undefined : name
}

/**
 * Bedrock error → canonical. The exception name (from `errorType`, the body's `__type`, or the
 * status) sets our status: ThrottlingException / ServiceQuotaExceeded / ModelNotReady 429,
 * ValidationException 400, AccessDenied 403, bad or expired credentials 401, ResourceNotFound
 * 404, ModelError / ModelStreamError 502, ServiceUnavailable 503, ModelTimeout 504. `code` is the
 * exception name.
 *
 * @example
 * decodeBedrockError({ message: 'Too many requests' }, 429, 'ThrottlingException')
 * // { status: 429, errorType: 'rate_limit_error', code: 'ThrottlingException', message: 'Too many requests' }
 */
export function decodeBedrockError(body: unknown, status?: number, errorType?: string): CanonicalError {
  const record = isRecord(body) ? body : {}
  const type = errorType ?? bedrockErrorType(optionalString(record.__type)?.split('#').at(-1))
  const byType = type === undefined ? undefined : statusByException[type.toLowerCase()]
  const resolved = byType ?? status ?? 502
  return {
    status: resolved,
    errorType: errorTypeByStatus[resolved] ?? 'api_error',
    ...(type === undefined ? {} : { code: type }),
    message: optionalString(record.message) ?? optionalString(record.Message) ?? 'Upstream error',
  }
}
