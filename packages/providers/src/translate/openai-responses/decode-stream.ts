// OpenAI Responses SSE events → canonical stream parts (incremental).
import type { CanonicalStreamPart } from '../../canonical/types.js'
import { isRecord, optionalNumber, optionalString } from '../json.js'
import { createJsonStreamDecoder, type StreamFinishState } from '../json-stream-decoder.js'
import type { StreamDecoder } from '../stream-types.js'
import { decodeReasoningItem } from './reasoning-item.js'
import { decodeResponsesStatus } from './status.js'
import { decodeResponsesUsage } from './usage.js'

/**
 * Creates a decoder for one Responses stream. It keeps a map from function-call item ids (and
 * output indices) to tool ordinals and which calls already streamed arguments.
 *
 * @example
 * const decoder = createResponsesStreamDecoder()
 * decoder.push({ event: 'response.created', data: '{"type":"response.created","response":{…}}' })
 */
export function createResponsesStreamDecoder(): StreamDecoder {
  const toolByItem = new Map<string, number>()
  const toolByOutput = new Map<number, number>()
  const streamedArguments = new Set<number>()
  let nextTool = 0
  const state: StreamFinishState = { finished: false }

  function toolOf(data: Record<string, unknown>): number | undefined {
    const itemId = optionalString(data.item_id)
    const byItem = itemId === undefined ? undefined : toolByItem.get(itemId)
    return byItem ?? toolByOutput.get(optionalNumber(data.output_index) ?? -1)
  }

  function argumentsOnce(tool: number, argumentsJson: unknown): CanonicalStreamPart[] {
    if (streamedArguments.has(tool) || typeof argumentsJson !== 'string' || argumentsJson === '') return []
    streamedArguments.add(tool)
    return [{ type: 'tool-call-delta', index: tool, argumentsDelta: argumentsJson }]
  }

  function onItemAdded(data: Record<string, unknown>, item: Record<string, unknown>): CanonicalStreamPart[] {
    if (item.type !== 'function_call') return []
    const tool = nextTool++
    if (typeof item.id === 'string') toolByItem.set(item.id, tool)
    toolByOutput.set(optionalNumber(data.output_index) ?? -1, tool)
    return [
      {
        type: 'tool-call-start',
        index: tool,
        id: String(item.call_id ?? item.id),
        name: String(item.name ?? ''),
      },
    ]
  }

  function onItemDone(data: Record<string, unknown>, item: Record<string, unknown>): CanonicalStreamPart[] {
    if (item.type === 'function_call') {
      const tool = toolOf({ item_id: item.id, output_index: data.output_index })
      return tool === undefined
        ? []
        : [...argumentsOnce(tool, item.arguments), { type: 'tool-call-end', index: tool }]
    }
    if (item.type !== 'reasoning') return []
    const reasoning = decodeReasoningItem(item)
    if (reasoning.signature === undefined) return []
    return reasoning.redacted === true
      ? [{ type: 'reasoning-redacted', data: reasoning.signature }]
      : [{ type: 'reasoning-signature', signature: reasoning.signature }]
  }

  function onEvent(data: Record<string, unknown>): CanonicalStreamPart[] {
    const response = isRecord(data.response) ? data.response : {}
    const item = isRecord(data.item) ? data.item : {}
    switch (data.type) {
      case 'response.created': {
        const created = optionalNumber(response.created_at)
        const start = {
          type: 'start' as const,
          id: String(response.id ?? ''),
          model: String(response.model ?? ''),
        }
        return [created === undefined ? start : { ...start, created }]
      }
      case 'response.output_item.added':
        return onItemAdded(data, item)
      case 'response.output_item.done':
        return onItemDone(data, item)
      case 'response.output_text.delta':
      case 'response.refusal.delta':
        return [{ type: 'text-delta', text: String(data.delta ?? '') }]
      case 'response.reasoning_summary_part.added':
        return (optionalNumber(data.summary_index) ?? 0) > 0
          ? [{ type: 'reasoning-delta', text: '\n\n' }]
          : []
      case 'response.reasoning_summary_text.delta':
      case 'response.reasoning_text.delta':
        return [{ type: 'reasoning-delta', text: String(data.delta ?? '') }]
      case 'response.function_call_arguments.delta': {
        const tool = toolOf(data)
        const argumentsDelta = String(data.delta ?? '')
        if (tool === undefined || argumentsDelta === '') return []
        streamedArguments.add(tool)
        return [{ type: 'tool-call-delta', index: tool, argumentsDelta }]
      }
      case 'response.function_call_arguments.done': {
        const tool = toolOf(data)
        return tool === undefined ? [] : argumentsOnce(tool, data.arguments)
      }
      case 'response.completed':
      case 'response.incomplete': {
        state.finished = true
        const finishReason = decodeResponsesStatus(
          response.status ?? data.type.slice(9),
          response.incomplete_details,
          nextTool > 0,
        )
        return [{ type: 'finish', finishReason, usage: decodeResponsesUsage(response.usage) }]
      }
      case 'response.failed': {
        state.finished = true
        const error = isRecord(response.error) ? response.error : {}
        return [
          {
            type: 'error',
            errorType: 'api_error',
            code: optionalString(error.code) ?? 'provider_error',
            message: optionalString(error.message) ?? 'The response failed',
          },
        ]
      }
      case 'error':
        state.finished = true
        return [
          {
            type: 'error',
            errorType: 'api_error',
            code: optionalString(data.code) ?? 'provider_error',
            message: optionalString(data.message) ?? 'Upstream error',
          },
        ]
      default:
        return []
    }
  }

  return createJsonStreamDecoder(state, onEvent)
}
