// Chooses the terminal stream error event in the client's own protocol.
import { formatAnthropicStreamError } from '../anthropic/anthropic-stream-error.js'
import { formatOpenAIStreamError } from '../openai/openai-stream-error.js'
import { type ClientApi, clientApis } from '../spec/client-api.js'

/**
 * The SSE text that ends a stream the upstream broke off after it started, so the client's SDK
 * raises an error instead of seeing a silent cut.
 *
 * @example
 * formatStreamError('anthropic-messages', 'upstream reset') // → 'event: error\ndata: {…}\n\n'
 */
export function formatStreamError(api: ClientApi, message: string): string {
  return clientApis[api].wire === 'anthropic'
    ? formatAnthropicStreamError(message)
    : formatOpenAIStreamError(api, message)
}

const timeoutCodes = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT'])

/** Whether an outbound error is a timeout (connect, headers or between body bytes). */
export function isTimeoutError(error: Error): boolean {
  return timeoutCodes.has((error as { code?: string }).code ?? '')
}

/** A short, secret-free description of an outbound error: its code, else its message. */
export function describeNetworkError(error: Error): string {
  return (error as { code?: string }).code ?? error.message
}
