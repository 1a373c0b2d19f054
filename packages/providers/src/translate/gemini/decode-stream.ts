// Gemini `streamGenerateContent?alt=sse` events (each a partial GenerateContentResponse) → canonical stream parts.
import type { CanonicalStreamPart, CanonicalUsage } from '../../canonical/types.js'
import { createCanonicalUsage } from '../../canonical/usage.js'
import { isRecord, optionalString } from '../json.js'
import { createJsonStreamDecoder, type StreamFinishState } from '../json-stream-decoder.js'
import type { StreamDecoder } from '../stream-types.js'
import { decodeFunctionCall } from './decode-response.js'
import { geminiSignaturePrefix } from './encode-contents.js'
import { decodeGeminiError } from './errors.js'
import { decodeGeminiFinishReason } from './finish-reason.js'
import { createResponseId } from './ids.js'
import { decodeGeminiUsage } from './usage.js'

/**
 * Creates a decoder for one Gemini stream. Function calls arrive whole, so each yields start,
 * one arguments delta and end at once. Usage is cumulative in every chunk; the chunk with
 * `finishReason` (which carries the final usage) ends the stream. A `data: {"error":…}` event
 * becomes an error part with the status of its Google RPC status.
 *
 * @example
 * const decoder = createGeminiStreamDecoder()
 * decoder.push({ data: '{"candidates":[{"content":{"parts":[{"text":"Hi"}],"role":"model"}}]}' })
 * // [{ type: 'start', … }, { type: 'text-delta', text: 'Hi' }]
 */
export function createGeminiStreamDecoder(): StreamDecoder {
  let started = false
  const state: StreamFinishState = { finished: false }
  let nextTool = 0
  let usage: CanonicalUsage = createCanonicalUsage()

  function onPart(part: Record<string, unknown>, out: CanonicalStreamPart[]): void {
    const text = optionalString(part.text)
    const signature = optionalString(part.thoughtSignature)
    if (part.thought === true) {
      if (text !== undefined && text !== '') out.push({ type: 'reasoning-delta', text })
      if (signature !== undefined)
        out.push({ type: 'reasoning-signature', signature: geminiSignaturePrefix + signature })
      return
    }
    if (signature !== undefined)
      out.push({ type: 'reasoning-signature', signature: geminiSignaturePrefix + signature })
    if (isRecord(part.functionCall)) {
      const call = decodeFunctionCall(part.functionCall)
      const index = nextTool++
      out.push(
        { type: 'tool-call-start', index, id: call.id, name: call.name },
        { type: 'tool-call-delta', index, argumentsDelta: call.argumentsJson },
        { type: 'tool-call-end', index },
      )
    } else if (text !== undefined && text !== '') out.push({ type: 'text-delta', text })
  }

  function onChunk(chunk: Record<string, unknown>): CanonicalStreamPart[] {
    if (isRecord(chunk.error)) {
      state.finished = true
      return [{ type: 'error', ...decodeGeminiError(chunk) }]
    }
    const out: CanonicalStreamPart[] = []
    if (!started) {
      started = true
      const id = optionalString(chunk.responseId) ?? createResponseId()
      out.push({ type: 'start', id, model: optionalString(chunk.modelVersion) ?? '' })
    }
    if (isRecord(chunk.usageMetadata)) usage = decodeGeminiUsage(chunk.usageMetadata)
    const candidate = Array.isArray(chunk.candidates) ? chunk.candidates.find(isRecord) : undefined
    const content = isRecord(candidate?.content) ? candidate.content : {}
    for (const part of Array.isArray(content.parts) ? content.parts : [])
      if (isRecord(part)) onPart(part, out)
    const blocked =
      candidate === undefined && isRecord(chunk.promptFeedback) && chunk.promptFeedback.blockReason
    if (candidate?.finishReason !== undefined || blocked) {
      state.finished = true
      const finishReason = blocked
        ? 'content_filter'
        : decodeGeminiFinishReason(candidate?.finishReason, nextTool > 0)
      out.push({ type: 'finish', finishReason, usage })
    }
    return out
  }

  return createJsonStreamDecoder(state, onChunk)
}
