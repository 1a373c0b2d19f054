// Google's error body `{"error":{"code","message","status"}}` (Gemini and Vertex), and its in-stream form.
import { jsonHeaders, type MockBodyReply } from '../exchange.js'

const errorKinds: Record<number, [status: string, message: string]> = {
  400: ['INVALID_ARGUMENT', 'Request contains an invalid argument.'],
  401: [
    'UNAUTHENTICATED',
    'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
  ],
  403: ['PERMISSION_DENIED', 'The caller does not have permission.'],
  404: ['NOT_FOUND', 'Requested entity was not found.'],
  409: ['ABORTED', 'The operation was aborted.'],
  429: ['RESOURCE_EXHAUSTED', 'Resource has been exhausted (e.g. check quota).'],
  499: ['CANCELLED', 'The operation was cancelled.'],
  500: [
    'INTERNAL',
    'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting',
  ],
  503: ['UNAVAILABLE', 'The model is overloaded. Please try again later.'],
  504: ['DEADLINE_EXCEEDED', 'Deadline expired before operation could complete.'],
}

/** The `{ error: { code, message, status } }` object for an HTTP status. */
export function googleErrorObject(code: number, message?: string, details?: unknown[]) {
  const [status, fallback] = errorKinds[code] ?? (code >= 500 ? errorKinds[500]! : errorKinds[400]!)
  return { error: { code, message: message ?? fallback, status, ...(details ? { details } : {}) } }
}

/**
 * Google's error response.
 *
 * @example
 * googleError(429).body // '{"error":{"code":429,"message":"Resource has been exhausted…","status":"RESOURCE_EXHAUSTED"}}'
 */
export function googleError(code: number, message?: string, details?: unknown[]): MockBodyReply {
  return {
    status: code,
    headers: jsonHeaders,
    body: JSON.stringify(googleErrorObject(code, message, details)),
  }
}

/** The event a Gemini SSE stream carries when it fails after starting. */
export function geminiStreamError(): string {
  return `data: ${JSON.stringify(googleErrorObject(500))}\r\n\r\n`
}
