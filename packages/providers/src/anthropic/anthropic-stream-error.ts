// The error event that ends an Anthropic stream the upstream broke off.

/**
 * Formats Anthropic's terminal `error` event, which the Anthropic SDK throws as an `APIError`.
 *
 * @example
 * formatAnthropicStreamError('upstream reset')
 * // → 'event: error\ndata: {"type":"error","error":{"type":"api_error","message":"upstream reset"}}\n\n'
 */
export function formatAnthropicStreamError(message: string): string {
  return `event: error\ndata: ${JSON.stringify({ type: 'error', error: { type: 'api_error', message } })}\n\n`
}
