// The error event that ends an OpenAI-wire stream the upstream broke off, in the client's protocol.
import type { ClientApi } from '../spec/client-api.js'

/**
 * Formats a terminal error event. Chat streams get `data: {"error":{…}}`, which the OpenAI SDK
 * turns into a thrown `APIError`; no `[DONE]` follows, so no client mistakes it for a finished
 * answer. Responses streams get an `event: error` whose data also carries `error`, for the same
 * SDK behaviour.
 *
 * @example
 * formatOpenAIStreamError('openai-chat', 'upstream reset') // → 'data: {"error":{…}}\n\n'
 */
export function formatOpenAIStreamError(api: ClientApi, message: string): string {
  const error = { message, type: 'api_error', code: 'provider_error' }
  if (api === 'openai-responses') {
    const data = { type: 'error', code: 'provider_error', message, param: null, error }
    return `event: error\ndata: ${JSON.stringify(data)}\n\n`
  }
  return `data: ${JSON.stringify({ error })}\n\n`
}
