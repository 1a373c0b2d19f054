// Canonical response → Anthropic Messages response body.
import type { CanonicalResponse } from '../../canonical/types.js'
import { encodeAssistantPart } from './content.js'
import { encodeAnthropicStopReason } from './finish-reason.js'
import type { AnthropicResponse } from './types.js'
import { encodeAnthropicUsage } from './usage.js'

/**
 * Writes an Anthropic message. Reasoning without a signature (from OpenAI-shaped providers) is
 * shown as a thinking block with an empty signature, which clients display but cannot send back.
 *
 * @example
 * encodeAnthropicResponse(canonical).stop_reason // 'end_turn'
 */
export function encodeAnthropicResponse(response: CanonicalResponse): AnthropicResponse {
  const content: AnthropicResponse['content'] = []
  for (const part of response.content) {
    if (part.type === 'reasoning' && (part.signature ?? '') === '') {
      content.push({ type: 'thinking', thinking: part.text, signature: '' })
      continue
    }
    const block = encodeAssistantPart(part)
    if (block !== undefined) content.push(block)
  }
  return {
    id: response.id,
    type: 'message',
    role: 'assistant',
    model: response.model,
    content,
    stop_reason: encodeAnthropicStopReason(response.finishReason, response.stopSequence),
    stop_sequence: response.stopSequence ?? null,
    usage: encodeAnthropicUsage(response.usage),
  }
}
