// Gemini `GenerateContentResponse` → canonical response.
import type { CanonicalResponse, ReasoningPart, TextPart, ToolCallPart } from '../../canonical/types.js'
import { isRecord, optionalString } from '../json.js'
import { geminiSignaturePrefix } from './encode-contents.js'
import { decodeGeminiFinishReason } from './finish-reason.js'
import { createResponseId, createToolCallId } from './ids.js'
import { decodeGeminiUsage } from './usage.js'

type ResponsePart = TextPart | ToolCallPart | ReasoningPart

/**
 * Reads the first candidate. `thought: true` parts become reasoning; a `thoughtSignature` becomes
 * the signature (prefixed {@link geminiSignaturePrefix}) of the reasoning part before the part that
 * carried it; function calls get generated ids unless Gemini sent one. A prompt blocked before any
 * candidate (`promptFeedback.blockReason`) ends with `content_filter`.
 *
 * @example
 * decodeGeminiResponse({ candidates: [{ content: { parts: [{ text: 'Hi' }] }, finishReason: 'STOP' }] }).content
 * // [{ type: 'text', text: 'Hi' }]
 */
export function decodeGeminiResponse(body: Record<string, unknown>): CanonicalResponse {
  const candidates = Array.isArray(body.candidates) ? body.candidates.filter(isRecord) : []
  const candidate = candidates[0]
  const content = isRecord(candidate?.content) ? candidate.content : {}
  const parts = decodeGeminiParts(Array.isArray(content.parts) ? content.parts : [])
  const hasToolCalls = parts.some((part) => part.type === 'tool_call')
  const blocked = candidate === undefined && isRecord(body.promptFeedback) && body.promptFeedback.blockReason
  const response: CanonicalResponse = {
    id: optionalString(body.responseId) ?? createResponseId(),
    model: optionalString(body.modelVersion) ?? '',
    content: parts,
    finishReason: blocked
      ? 'content_filter'
      : decodeGeminiFinishReason(candidate?.finishReason, hasToolCalls),
    usage: decodeGeminiUsage(body.usageMetadata),
  }
  const created = Date.parse(optionalString(body.createTime) ?? '')
  if (Number.isFinite(created)) response.created = Math.floor(created / 1000)
  return response
}

/** Gemini parts → canonical parts (executable code, inline media and other outputs are skipped). */
export function decodeGeminiParts(parts: unknown[]): ResponsePart[] {
  const out: ResponsePart[] = []
  for (const part of parts) {
    if (!isRecord(part)) continue
    const signature = optionalString(part.thoughtSignature)
    const text = optionalString(part.text)
    if (part.thought === true) {
      out.push({ type: 'reasoning', text: text ?? '', ...signatureField(signature) })
      continue
    }
    if (signature !== undefined) {
      const previous = out.at(-1)
      if (previous?.type === 'reasoning' && previous.signature === undefined)
        Object.assign(previous, signatureField(signature))
      else out.push({ type: 'reasoning', text: '', ...signatureField(signature) })
    }
    if (isRecord(part.functionCall)) out.push(decodeFunctionCall(part.functionCall))
    else if (text !== undefined && text !== '') out.push({ type: 'text', text })
  }
  return out
}

/** A Gemini `functionCall` → canonical tool call (arguments re-serialised; Gemini sends an object). */
export function decodeFunctionCall(call: Record<string, unknown>): ToolCallPart {
  return {
    type: 'tool_call',
    id: optionalString(call.id) ?? createToolCallId(),
    name: String(call.name ?? ''),
    argumentsJson: JSON.stringify(isRecord(call.args) ? call.args : {}),
  }
}

function signatureField(signature: string | undefined): { signature?: string } {
  return signature === undefined ? {} : { signature: `${geminiSignaturePrefix}${signature}` }
}
