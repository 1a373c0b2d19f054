// Anthropic's error body `{"type":"error","error":{"type","message"}}` for any status, and its SSE `error` event.
import { jsonHeaders, type MockBodyReply } from '../exchange.js'

const errorKinds: Record<number, [type: string, message: string]> = {
  400: ['invalid_request_error', 'Invalid request.'],
  401: ['authentication_error', 'invalid x-api-key'],
  402: ['billing_error', 'Your credit balance is too low to access the Anthropic API.'],
  403: ['permission_error', 'Your API key does not have permission to use the specified resource.'],
  404: ['not_found_error', 'The requested resource could not be found.'],
  413: ['request_too_large', 'Request exceeds the maximum allowed number of bytes.'],
  429: ['rate_limit_error', 'Number of request tokens has exceeded your per-minute rate limit.'],
  500: ['api_error', 'Internal server error'],
  504: ['timeout_error', 'Request timed out'],
  529: ['overloaded_error', 'Overloaded'],
}

/** The inner `{ type, message }` for a status. */
export function anthropicErrorDetail(status: number, message?: string) {
  const [type, fallback] =
    errorKinds[status] ?? (status >= 500 ? errorKinds[500]! : ['invalid_request_error', 'Invalid request.'])
  return { type, message: message ?? fallback }
}

/**
 * Anthropic's error response, with the `request-id` header the SDK reads.
 *
 * @example
 * anthropicError(529).body // '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},…}'
 */
export function anthropicError(status: number, message?: string): MockBodyReply {
  const requestId = `req_mock_${status}`
  return {
    status,
    headers: { ...jsonHeaders, 'request-id': requestId },
    body: JSON.stringify({
      type: 'error',
      error: anthropicErrorDetail(status, message),
      request_id: requestId,
    }),
  }
}

/** The `event: error` frame a stream ends with when it fails after starting. */
export function anthropicStreamError(): string {
  return `event: error\ndata: ${JSON.stringify({ type: 'error', error: anthropicErrorDetail(529) })}\n\n`
}
