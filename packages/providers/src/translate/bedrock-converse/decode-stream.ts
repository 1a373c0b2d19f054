// ConverseStream events (decoded event-stream frames) → canonical stream parts.
import type { CanonicalStreamPart, CanonicalUsage } from '../../canonical/types.js'
import { createCanonicalUsage } from '../../canonical/usage.js'
import { isRecord, optionalString } from '../json.js'
import { type StreamDecoder, streamCutShort } from '../stream-types.js'
import { createConverseResponseId } from './decode-response.js'
import { decodeBedrockError } from './errors.js'
import { decodeConverseStopReason } from './stop-reason.js'
import { decodeConverseUsage } from './usage.js'

/** A ConverseStream decoder: the SSE-shaped {@link StreamDecoder} plus a direct entry for parsed frames. */
export interface ConverseStreamDecoder extends StreamDecoder {
  /** Feeds one event by its `:event-type` (or `:exception-type`) and parsed JSON payload. */
  pushEvent(name: string, payload: unknown): CanonicalStreamPart[]
}

/**
 * Creates a decoder for one ConverseStream. `push({ event, data })` takes the event type as
 * `event` and the JSON payload as `data`; `pushEvent` skips the re-parse. `messageStop` holds the
 * stop reason, the following `metadata` event the usage, so the finish part is emitted on
 * `metadata` (or at the end when none came). Exception events (`throttlingException`,
 * `modelStreamErrorException`, `validationException`…) become error parts.
 *
 * @example
 * const decoder = createConverseStreamDecoder()
 * decoder.pushEvent('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'Hi' } })
 */
export function createConverseStreamDecoder(): ConverseStreamDecoder {
  const toolByBlock = new Map<number, number>()
  let nextTool = 0
  let started = false
  let finished = false
  let stopReason: unknown
  let stopped = false
  let stopSequence: string | undefined

  function finish(usage: CanonicalUsage): CanonicalStreamPart[] {
    finished = true
    const finishReason = decodeConverseStopReason(stopReason)
    return [{ type: 'finish', finishReason, usage, ...(stopSequence === undefined ? {} : { stopSequence }) }]
  }

  function onDelta(index: number, delta: Record<string, unknown>): CanonicalStreamPart[] {
    if (typeof delta.text === 'string')
      return delta.text === '' ? [] : [{ type: 'text-delta', text: delta.text }]
    if (isRecord(delta.toolUse)) {
      const tool = toolByBlock.get(index)
      const input = optionalString(delta.toolUse.input) ?? ''
      return tool === undefined || input === ''
        ? []
        : [{ type: 'tool-call-delta', index: tool, argumentsDelta: input }]
    }
    if (!isRecord(delta.reasoningContent)) return []
    const reasoning = delta.reasoningContent
    if (typeof reasoning.text === 'string') return [{ type: 'reasoning-delta', text: reasoning.text }]
    if (typeof reasoning.signature === 'string')
      return [{ type: 'reasoning-signature', signature: reasoning.signature }]
    if (typeof reasoning.redactedContent === 'string')
      return [{ type: 'reasoning-redacted', data: reasoning.redactedContent }]
    return []
  }

  function onEvent(name: string, data: Record<string, unknown>): CanonicalStreamPart[] {
    const index = typeof data.contentBlockIndex === 'number' ? data.contentBlockIndex : -1
    const start: CanonicalStreamPart[] = []
    if (!started) {
      started = true
      start.push({ type: 'start', id: createConverseResponseId(), model: '' })
    }
    switch (name) {
      case 'messageStart':
        return start
      case 'contentBlockStart': {
        const toolUse = isRecord(data.start) && isRecord(data.start.toolUse) ? data.start.toolUse : undefined
        if (toolUse === undefined) return start
        const tool = nextTool++
        toolByBlock.set(index, tool)
        return [
          ...start,
          {
            type: 'tool-call-start',
            index: tool,
            id: String(toolUse.toolUseId ?? ''),
            name: String(toolUse.name ?? ''),
          },
        ]
      }
      case 'contentBlockDelta':
        return [...start, ...(isRecord(data.delta) ? onDelta(index, data.delta) : [])]
      case 'contentBlockStop': {
        const tool = toolByBlock.get(index)
        return tool === undefined ? start : [...start, { type: 'tool-call-end', index: tool }]
      }
      case 'messageStop': {
        stopped = true
        stopReason = data.stopReason
        const extra = isRecord(data.additionalModelResponseFields) ? data.additionalModelResponseFields : {}
        stopSequence = optionalString(extra.stop_sequence)
        return start
      }
      case 'metadata':
        return [...start, ...finish(decodeConverseUsage(data.usage))]
      default:
        return start
    }
  }

  function pushEvent(name: string, payload: unknown): CanonicalStreamPart[] {
    if (finished) return []
    if (/exception$/i.test(name)) {
      finished = true
      return [{ type: 'error', ...decodeBedrockError(payload, undefined, name) }]
    }
    return onEvent(name, isRecord(payload) ? payload : {})
  }

  return {
    pushEvent,
    push(event) {
      let payload: unknown
      try {
        payload = JSON.parse(event.data)
      } catch {
        return []
      }
      return pushEvent(event.event ?? '', payload)
    },
    end() {
      if (finished) return []
      if (stopped) return finish(createCanonicalUsage())
      finished = true
      return [{ type: 'error', ...streamCutShort }]
    },
  }
}
