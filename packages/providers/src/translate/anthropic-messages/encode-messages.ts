// Canonical messages → Anthropic turns: hoists system text, merges same-role turns, starts with a user turn.
import type { CanonicalMessage, TextPart, ToolResultPart } from '../../canonical/types.js'
import { encodeAssistantPart, encodeMediaPart, toAnthropicToolId, withCacheControl } from './content.js'
import type { AnthropicContentBlock, AnthropicMessage, AnthropicToolResultBlock } from './types.js'

/** Text of a user turn put first when a conversation starts with the assistant (Anthropic refuses that). */
export const leadingUserPlaceholder = '.'

/**
 * Encodes the conversation. Mid-conversation system messages are returned apart (Anthropic has only
 * a top-level `system`); tool results lead their user turn; empty turns disappear.
 */
export function encodeAnthropicMessages(messages: CanonicalMessage[]): {
  messages: AnthropicMessage[]
  hoistedSystem: TextPart[]
} {
  const hoistedSystem: TextPart[] = []
  const turns: Array<{ role: 'user' | 'assistant'; content: AnthropicContentBlock[] }> = []
  for (const message of messages) {
    if (message.role === 'system') {
      hoistedSystem.push(...message.content.filter((part): part is TextPart => part.type === 'text'))
      continue
    }
    const blocks = message.role === 'user' ? encodeUserParts(message) : encodeAssistantParts(message)
    if (blocks.length === 0) continue
    const previous = turns.at(-1)
    if (previous?.role === message.role) previous.content.push(...blocks)
    else turns.push({ role: message.role, content: blocks })
  }
  for (const turn of turns) if (turn.role === 'user') turn.content.sort(toolResultsFirst)
  if (turns[0]?.role !== 'user')
    turns.unshift({ role: 'user', content: [{ type: 'text', text: leadingUserPlaceholder }] })
  trimFinalAssistantText(turns.at(-1))
  return { messages: turns, hoistedSystem }
}

function encodeUserParts(message: CanonicalMessage): AnthropicContentBlock[] {
  const blocks: AnthropicContentBlock[] = []
  for (const part of message.content) {
    if (part.type === 'tool_result') blocks.push(encodeToolResult(part))
    else if (part.type === 'image' || (part.type === 'text' && part.text !== ''))
      blocks.push(encodeMediaPart(part))
  }
  return blocks
}

function encodeAssistantParts(message: CanonicalMessage): AnthropicContentBlock[] {
  const blocks: AnthropicContentBlock[] = []
  for (const part of message.content) {
    const block = encodeAssistantPart(part)
    if (block !== undefined) blocks.push(block)
  }
  return blocks
}

function encodeToolResult(part: ToolResultPart): AnthropicToolResultBlock {
  const block: AnthropicToolResultBlock = {
    type: 'tool_result',
    tool_use_id: toAnthropicToolId(part.toolCallId),
  }
  const [first, ...rest] = part.content
  if (first?.type === 'text' && first.cacheControl === undefined && rest.length === 0)
    block.content = first.text
  else if (first !== undefined) block.content = part.content.map(encodeMediaPart)
  if (part.isError === true) block.is_error = true
  return withCacheControl(block, part.cacheControl)
}

function toolResultsFirst(a: AnthropicContentBlock, b: AnthropicContentBlock): number {
  return Number(b.type === 'tool_result') - Number(a.type === 'tool_result')
}

// Anthropic rejects a final assistant turn (a prefill) that ends with whitespace.
function trimFinalAssistantText(turn: { role: string; content: AnthropicContentBlock[] } | undefined): void {
  const last = turn?.role === 'assistant' ? turn.content.at(-1) : undefined
  if (last?.type === 'text') last.text = last.text.trimEnd()
}
