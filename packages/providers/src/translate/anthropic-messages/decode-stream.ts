// Anthropic Messages SSE events → canonical stream parts (incremental).
import type { CanonicalStreamPart, CanonicalUsage } from '../../canonical/types.js'
import { createCanonicalUsage } from '../../canonical/usage.js'
import { isRecord, optionalString } from '../json.js'
import { createJsonStreamDecoder, type StreamFinishState } from '../json-stream-decoder.js'
import type { StreamDecoder } from '../stream-types.js'
import { decodeAnthropicError } from './errors.js'
import { decodeAnthropicStopReason } from './finish-reason.js'
import { decodeAnthropicUsage } from './usage.js'

/**
 * Creates a decoder for one Anthropic stream. It remembers only which block index is a tool call
 * (and its tool ordinal), the stop reason and the usage counters.
 *
 * @example
 * const decoder = createAnthropicStreamDecoder()
 * decoder.push({ event: 'message_start', data: '{"type":"message_start","message":{…}}' })
 */
export function createAnthropicStreamDecoder(): StreamDecoder {
  const toolByBlock = new Map<number, number>()
  let nextTool = 0
  let usage: CanonicalUsage = createCanonicalUsage()
  let stopReason: string | undefined
  let stopSequence: string | undefined
  const state: StreamFinishState = { finished: false }

  function onBlockStart(index: number, block: Record<string, unknown>): CanonicalStreamPart[] {
    if (block.type === 'tool_use') {
      const tool = nextTool++
      toolByBlock.set(index, tool)
      const parts: CanonicalStreamPart[] = [
        { type: 'tool-call-start', index: tool, id: String(block.id), name: String(block.name) },
      ]
      // Tool input normally streams as deltas; a non-empty start input is sent whole.
      if (isRecord(block.input) && Object.keys(block.input).length > 0) {
        parts.push({ type: 'tool-call-delta', index: tool, argumentsDelta: JSON.stringify(block.input) })
      }
      return parts
    }
    if (block.type === 'redacted_thinking')
      return [{ type: 'reasoning-redacted', data: String(block.data ?? '') }]
    if (block.type === 'text' && typeof block.text === 'string' && block.text !== '') {
      return [{ type: 'text-delta', text: block.text }]
    }
    return []
  }

  function onDelta(index: number, delta: Record<string, unknown>): CanonicalStreamPart[] {
    switch (delta.type) {
      case 'text_delta':
        return [{ type: 'text-delta', text: String(delta.text ?? '') }]
      case 'input_json_delta': {
        const tool = toolByBlock.get(index)
        const argumentsDelta = String(delta.partial_json ?? '')
        return tool === undefined || argumentsDelta === ''
          ? []
          : [{ type: 'tool-call-delta', index: tool, argumentsDelta }]
      }
      case 'thinking_delta':
        return [{ type: 'reasoning-delta', text: String(delta.thinking ?? '') }]
      case 'signature_delta':
        return [{ type: 'reasoning-signature', signature: String(delta.signature ?? '') }]
      default:
        return []
    }
  }

  function onEvent(data: Record<string, unknown>): CanonicalStreamPart[] {
    const index = typeof data.index === 'number' ? data.index : -1
    switch (data.type) {
      case 'message_start': {
        const message = isRecord(data.message) ? data.message : {}
        usage = decodeAnthropicUsage(message.usage)
        return [
          {
            type: 'start',
            id: String(message.id ?? ''),
            model: String(message.model ?? ''),
            usage: { ...usage },
          },
        ]
      }
      case 'content_block_start':
        return isRecord(data.content_block) ? onBlockStart(index, data.content_block) : []
      case 'content_block_delta':
        return isRecord(data.delta) ? onDelta(index, data.delta) : []
      case 'content_block_stop': {
        const tool = toolByBlock.get(index)
        return tool === undefined ? [] : [{ type: 'tool-call-end', index: tool }]
      }
      case 'message_delta': {
        const delta = isRecord(data.delta) ? data.delta : {}
        stopReason = optionalString(delta.stop_reason) ?? stopReason
        stopSequence = optionalString(delta.stop_sequence) ?? stopSequence
        mergeUsage(data.usage)
        return []
      }
      case 'message_stop':
        state.finished = true
        return [
          {
            type: 'finish',
            finishReason: decodeAnthropicStopReason(stopReason),
            usage,
            ...stopSequenceField(),
          },
        ]
      case 'ping':
        return [{ type: 'ping' }]
      case 'error':
        state.finished = true
        return [{ type: 'error', ...decodeAnthropicError(data) }]
      default:
        return []
    }
  }

  // message_delta usage counters are cumulative totals; only the ones present overwrite.
  function mergeUsage(raw: unknown): void {
    if (!isRecord(raw)) return
    const next = decodeAnthropicUsage(raw)
    usage = {
      inputTokens: raw.input_tokens == null ? usage.inputTokens : next.inputTokens,
      outputTokens: raw.output_tokens == null ? usage.outputTokens : next.outputTokens,
      cacheReadInputTokens:
        raw.cache_read_input_tokens == null ? usage.cacheReadInputTokens : next.cacheReadInputTokens,
      cacheCreationInputTokens:
        raw.cache_creation_input_tokens == null
          ? usage.cacheCreationInputTokens
          : next.cacheCreationInputTokens,
      reasoningTokens: raw.output_tokens_details == null ? usage.reasoningTokens : next.reasoningTokens,
    }
  }

  function stopSequenceField(): { stopSequence?: string } {
    return stopSequence === undefined ? {} : { stopSequence }
  }

  return createJsonStreamDecoder(state, onEvent)
}
