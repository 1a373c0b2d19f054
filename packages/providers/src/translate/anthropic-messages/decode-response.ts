// Anthropic Messages response body → canonical response.
import type { CanonicalResponse } from '../../canonical/types.js'
import { isRecord, optionalString } from '../json.js'
import { decodeAssistantBlock } from './content.js'
import { decodeAnthropicStopReason } from './finish-reason.js'
import { decodeAnthropicUsage } from './usage.js'

/**
 * Reads an Anthropic message. Blocks other wires cannot show (server tool results) are skipped.
 *
 * @example
 * decodeAnthropicResponse({ id: 'msg_1', model: 'claude', content: [{ type: 'text', text: 'hi' }], stop_reason: 'end_turn', usage })
 */
export function decodeAnthropicResponse(body: Record<string, unknown>): CanonicalResponse {
  const blocks = Array.isArray(body.content) ? body.content.filter(isRecord) : []
  const known = new Set(['text', 'tool_use', 'thinking', 'redacted_thinking'])
  const response: CanonicalResponse = {
    id: String(body.id ?? ''),
    model: String(body.model ?? ''),
    content: blocks
      .filter((block) => known.has(String(block.type)))
      .map((block, index) => decodeAssistantBlock(block, `content[${index}]`)),
    finishReason: decodeAnthropicStopReason(optionalString(body.stop_reason)),
    usage: decodeAnthropicUsage(body.usage),
  }
  const stopSequence = optionalString(body.stop_sequence)
  if (stopSequence !== undefined) response.stopSequence = stopSequence
  return response
}
