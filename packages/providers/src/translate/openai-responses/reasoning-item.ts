// Canonical reasoning ⇄ Responses reasoning items; Anthropic signatures travel as `encrypted_content`.
import type { ReasoningPart } from '../../canonical/types.js'
import { isRecord, optionalString } from '../json.js'
import type { ResponsesReasoningItem } from './types.js'

// Marks an Anthropic redacted-thinking payload so it can be told from a signature on the way back.
const redactedPrefix = 'gw-redacted:'

/** Reasoning part → Responses reasoning item (summary text + opaque `encrypted_content`). */
export function encodeReasoningItem(part: ReasoningPart, id: string): ResponsesReasoningItem {
  const item: ResponsesReasoningItem = {
    type: 'reasoning',
    id,
    summary: part.text === '' ? [] : [{ type: 'summary_text', text: part.text }],
  }
  if (part.signature !== undefined && part.signature !== '') {
    item.encrypted_content = part.redacted === true ? `${redactedPrefix}${part.signature}` : part.signature
  }
  return item
}

/** Responses reasoning item → reasoning part; summary parts (or reasoning text) are joined. */
export function decodeReasoningItem(item: Record<string, unknown>): ReasoningPart {
  const summary = Array.isArray(item.summary) ? item.summary.filter(isRecord) : []
  const content = Array.isArray(item.content) ? item.content.filter(isRecord) : []
  const texts = (summary.length > 0 ? summary : content).map((entry) => String(entry.text ?? ''))
  const part: ReasoningPart = { type: 'reasoning', text: texts.join('\n\n') }
  const encrypted = optionalString(item.encrypted_content)
  if (encrypted?.startsWith(redactedPrefix)) {
    part.signature = encrypted.slice(redactedPrefix.length)
    part.redacted = true
  } else if (encrypted !== undefined && encrypted !== '') part.signature = encrypted
  return part
}
