// Canonical response → OpenAI Responses response body.
import type { CanonicalResponse } from '../../canonical/types.js'
import { encodeOutputItems } from './output-items.js'
import { encodeResponsesStatus } from './status.js'
import type { ResponsesResponse } from './types.js'
import { encodeResponsesUsage } from './usage.js'

/**
 * Writes a Responses object. Anthropic thinking signatures are returned as reasoning items'
 * `encrypted_content`, so a stateless client (Codex) sends them back on the next turn.
 *
 * @example
 * encodeResponsesResponse(canonical).status // 'completed'
 */
export function encodeResponsesResponse(
  response: CanonicalResponse,
  now: () => number = Date.now,
): ResponsesResponse {
  return {
    id: response.id,
    object: 'response',
    created_at: response.created ?? Math.floor(now() / 1000),
    model: response.model,
    ...encodeResponsesStatus(response.finishReason),
    output: encodeOutputItems(response),
    error:
      response.finishReason === 'error' ? { code: 'server_error', message: 'The provider failed' } : null,
    usage: encodeResponsesUsage(response.usage),
    parallel_tool_calls: true,
    tool_choice: 'auto',
    tools: [],
    temperature: null,
    top_p: null,
    metadata: {},
    instructions: null,
  }
}
