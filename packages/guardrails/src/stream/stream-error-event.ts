// The SSE event that ends a stream a guardrail blocked, in the client's wire, so SDKs raise instead of stopping quietly.
import type { GatewayError } from '@gw/contract'
import type { StreamWire } from './stream-text.js'

/**
 * Formats the terminal error event: Anthropic `event: error` with `{type:"error",error:{…}}`,
 * Responses `event: error`, chat `data: {"error":{…}}` (no `[DONE]` follows). Each carries the
 * stable code, and the OpenAI ones `meta` too.
 *
 * @example
 * writer.end(formatGuardrailStreamError('openai-chat', guardrailBlockedError('stream_chunk', blocked)))
 */
export function formatGuardrailStreamError(wire: StreamWire, error: GatewayError): string {
  const message = `${error.code}: ${error.message}`
  if (wire === 'anthropic-messages') {
    const data = { type: 'error', error: { type: 'permission_error', message } }
    return `event: error\ndata: ${JSON.stringify(data)}\n\n`
  }
  const body = { message: error.message, type: error.type, code: error.code, meta: error.meta }
  if (wire === 'openai-responses') {
    const data = { type: 'error', code: error.code, message: error.message, param: null, error: body }
    return `event: error\ndata: ${JSON.stringify(data)}\n\n`
  }
  return `data: ${JSON.stringify({ error: body })}\n\n`
}
