// Bedrock Converse response body → canonical response.
import { randomUUID } from 'node:crypto'
import type { CanonicalResponse, ReasoningPart, TextPart, ToolCallPart } from '../../canonical/types.js'
import { isRecord, optionalString } from '../json.js'
import { decodeConverseStopReason } from './stop-reason.js'
import { decodeConverseUsage } from './usage.js'

/** An id for a Converse answer, which carries none (the request id lives in a header). */
export function createConverseResponseId(): string {
  return `msg_bdrk_${randomUUID().replaceAll('-', '')}`
}

/**
 * Reads `output.message.content`: text, `toolUse`, and `reasoningContent` (signed text or redacted
 * bytes). The stop sequence, when Claude names one, comes from `additionalModelResponseFields`.
 * Converse names no model: the caller fills in the requested one.
 *
 * @example
 * decodeConverseResponse({ output: { message: { role: 'assistant', content: [{ text: 'Hi' }] } }, stopReason: 'end_turn', usage })
 */
export function decodeConverseResponse(body: Record<string, unknown>): CanonicalResponse {
  const output = isRecord(body.output) ? body.output : {}
  const message = isRecord(output.message) ? output.message : {}
  const blocks = Array.isArray(message.content) ? message.content.filter(isRecord) : []
  const response: CanonicalResponse = {
    id: createConverseResponseId(),
    model: '',
    content: blocks.flatMap(decodeBlock),
    finishReason: decodeConverseStopReason(body.stopReason),
    usage: decodeConverseUsage(body.usage),
  }
  const extra = isRecord(body.additionalModelResponseFields) ? body.additionalModelResponseFields : {}
  const stopSequence = optionalString(extra.stop_sequence)
  if (stopSequence !== undefined) response.stopSequence = stopSequence
  return response
}

function decodeBlock(block: Record<string, unknown>): Array<TextPart | ToolCallPart | ReasoningPart> {
  if (typeof block.text === 'string') return block.text === '' ? [] : [{ type: 'text', text: block.text }]
  if (isRecord(block.toolUse)) {
    const toolUse = block.toolUse
    return [
      {
        type: 'tool_call',
        id: String(toolUse.toolUseId ?? ''),
        name: String(toolUse.name ?? ''),
        argumentsJson: JSON.stringify(toolUse.input ?? {}),
      },
    ]
  }
  if (isRecord(block.reasoningContent)) {
    const reasoning = block.reasoningContent
    const redacted = optionalString(reasoning.redactedContent)
    if (redacted !== undefined) return [{ type: 'reasoning', text: '', signature: redacted, redacted: true }]
    const text = isRecord(reasoning.reasoningText) ? reasoning.reasoningText : {}
    const signature = optionalString(text.signature)
    return [
      { type: 'reasoning', text: String(text.text ?? ''), ...(signature === undefined ? {} : { signature }) },
    ]
  }
  return []
}
