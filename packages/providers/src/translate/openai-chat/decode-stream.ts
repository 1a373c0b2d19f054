// OpenAI Chat Completions SSE chunks → canonical stream parts (incremental).
import type { CanonicalStreamPart, CanonicalUsage, FinishReason } from '../../canonical/types.js'
import { createCanonicalUsage } from '../../canonical/usage.js'
import { isRecord, optionalNumber, optionalString } from '../json.js'
import { type StreamDecoder, streamCutShort } from '../stream-types.js'
import { decodeOpenAIError } from './errors.js'
import { decodeChatFinishReason } from './finish-reason.js'
import { decodeChatUsage } from './usage.js'

/**
 * Creates a decoder for one Chat stream. `finish` is held until `[DONE]` (or the end of the
 * stream) because the usage chunk comes after the chunk with `finish_reason`. It keeps the set of
 * tool-call indices seen, the finish reason and the usage.
 *
 * @example
 * const decoder = createChatStreamDecoder()
 * decoder.push({ data: '{"id":"c1","model":"gpt-4o","choices":[{"index":0,"delta":{"content":"Hi"}}]}' })
 */
export function createChatStreamDecoder(): StreamDecoder {
  const seenTools = new Set<number>()
  let openTool: number | undefined
  let started = false
  let finished = false
  let finishReason: FinishReason | undefined
  let usage: CanonicalUsage = createCanonicalUsage()

  function endOpenTool(parts: CanonicalStreamPart[]): void {
    if (openTool !== undefined) parts.push({ type: 'tool-call-end', index: openTool })
    openTool = undefined
  }

  function onToolDelta(call: Record<string, unknown>, parts: CanonicalStreamPart[]): void {
    const index = optionalNumber(call.index) ?? 0
    const fn = isRecord(call.function) ? call.function : {}
    if (!seenTools.has(index)) {
      endOpenTool(parts)
      seenTools.add(index)
      openTool = index
      const id = optionalString(call.id) ?? `call_${index}`
      parts.push({ type: 'tool-call-start', index, id, name: optionalString(fn.name) ?? '' })
    }
    const argumentsDelta = optionalString(fn.arguments) ?? ''
    if (argumentsDelta !== '') parts.push({ type: 'tool-call-delta', index, argumentsDelta })
  }

  function onChunk(chunk: Record<string, unknown>): CanonicalStreamPart[] {
    if (isRecord(chunk.error)) {
      finished = true
      return [{ type: 'error', ...decodeOpenAIError(chunk) }]
    }
    const parts: CanonicalStreamPart[] = []
    if (!started) {
      started = true
      const created = optionalNumber(chunk.created)
      parts.push({
        type: 'start',
        id: String(chunk.id ?? ''),
        model: String(chunk.model ?? ''),
        ...(created === undefined ? {} : { created }),
      })
    }
    const choice = Array.isArray(chunk.choices) && isRecord(chunk.choices[0]) ? chunk.choices[0] : undefined
    const delta = choice !== undefined && isRecord(choice.delta) ? choice.delta : {}
    const reasoning = optionalString(delta.reasoning_content) ?? optionalString(delta.reasoning)
    if (reasoning !== undefined && reasoning !== '') parts.push({ type: 'reasoning-delta', text: reasoning })
    const text = optionalString(delta.content) ?? optionalString(delta.refusal)
    if (text !== undefined && text !== '') parts.push({ type: 'text-delta', text })
    if (Array.isArray(delta.tool_calls))
      for (const call of delta.tool_calls.filter(isRecord)) onToolDelta(call, parts)
    if (choice?.finish_reason !== undefined && choice.finish_reason !== null) {
      endOpenTool(parts)
      finishReason = decodeChatFinishReason(choice.finish_reason)
    }
    if (isRecord(chunk.usage)) usage = decodeChatUsage(chunk.usage)
    return parts
  }

  function finish(): CanonicalStreamPart[] {
    finished = true
    const parts: CanonicalStreamPart[] = []
    endOpenTool(parts)
    parts.push({ type: 'finish', finishReason: finishReason ?? 'stop', usage })
    return parts
  }

  return {
    push(event) {
      if (finished) return []
      if (event.data.trim() === '[DONE]') return finish()
      let chunk: unknown
      try {
        chunk = JSON.parse(event.data)
      } catch {
        return []
      }
      return isRecord(chunk) ? onChunk(chunk) : []
    },
    end() {
      if (finished) return []
      if (finishReason !== undefined) return finish()
      finished = true
      return [{ type: 'error', ...streamCutShort }]
    },
  }
}
