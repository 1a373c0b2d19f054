// Credential and version checks of the Anthropic wire: `x-api-key` (or Bearer) and `anthropic-version`.
import { bearerToken, headerValue, safeEqual } from '../credentials.js'
import type { MockBodyReply, MockExchange } from '../exchange.js'
import { anthropicError } from './anthropic-error.js'

/**
 * The real API refuses a request without `anthropic-version` (400) and one without a valid
 * `x-api-key` or Bearer token (401) when the mock has an `apiKey`.
 */
export function authorizeAnthropic(exchange: MockExchange): MockBodyReply | undefined {
  const expected = exchange.settings.apiKey
  if (expected !== undefined) {
    const presented = headerValue(exchange.headers, 'x-api-key') ?? bearerToken(exchange.headers)
    if (presented === undefined) return anthropicError(401, 'x-api-key header is required')
    if (!safeEqual(presented, expected)) return anthropicError(401)
  }
  if (headerValue(exchange.headers, 'anthropic-version') === undefined) {
    return anthropicError(400, 'anthropic-version: header is required')
  }
  return undefined
}
