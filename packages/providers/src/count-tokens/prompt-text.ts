// The text of an Anthropic Messages prompt, as pieces a local tokenizer can count.
import { isRecord } from '../translate/json.js'

/** Text pieces and the count of images (which a local tokenizer cannot measure). */
export interface PromptText {
  pieces: string[]
  images: number
  /** Messages (system entries included), for the per-message framing tokens. */
  messages: number
}

function collectBlocks(content: unknown, into: PromptText): void {
  if (typeof content === 'string') {
    into.pieces.push(content)
    return
  }
  if (!Array.isArray(content)) return
  for (const block of content) {
    if (!isRecord(block)) continue
    switch (block.type) {
      case 'text':
        into.pieces.push(String(block.text ?? ''))
        break
      case 'thinking':
        into.pieces.push(String(block.thinking ?? ''))
        break
      case 'tool_use':
        into.pieces.push(String(block.name ?? ''), JSON.stringify(block.input ?? {}))
        break
      case 'tool_result':
        collectBlocks(block.content, into)
        break
      case 'image':
      case 'document':
        into.images += 1
        break
    }
  }
}

/**
 * Collects the text of a Messages or count_tokens body: system, every message's text, thinking,
 * tool calls and results, and each tool's name, description and schema.
 *
 * @example
 * promptTextOf({ system: 'Be brief', messages: [{ role: 'user', content: 'Hi' }] })
 * // { pieces: ['Be brief', 'Hi'], images: 0, messages: 1 }
 */
export function promptTextOf(body: Record<string, unknown>): PromptText {
  const text: PromptText = { pieces: [], images: 0, messages: 0 }
  collectBlocks(body.system, text)
  if (Array.isArray(body.messages)) {
    for (const message of body.messages) {
      if (!isRecord(message)) continue
      text.messages += 1
      collectBlocks(message.content, text)
    }
  }
  if (Array.isArray(body.tools)) {
    for (const tool of body.tools) {
      if (!isRecord(tool)) continue
      text.pieces.push(String(tool.name ?? ''), String(tool.description ?? ''))
      if (tool.input_schema !== undefined) text.pieces.push(JSON.stringify(tool.input_schema))
    }
  }
  return text
}
