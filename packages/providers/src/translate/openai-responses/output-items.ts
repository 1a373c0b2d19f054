// Canonical response content ⇄ Responses output items.
import type { CanonicalResponse } from '../../canonical/types.js'
import { isRecord } from '../json.js'
import { decodeReasoningItem, encodeReasoningItem } from './reasoning-item.js'
import type { ResponsesOutputItem, ResponsesOutputMessage } from './types.js'

/** A stable output item id derived from the response id and the item's position. */
export function outputItemId(prefix: 'msg' | 'fc' | 'rs', responseId: string, outputIndex: number): string {
  return `${prefix}_${responseId.replace(/^(resp|msg|chatcmpl)[_-]/, '')}_${outputIndex}`
}

/** Canonical content → output items; adjacent text parts share one message item. */
export function encodeOutputItems(response: CanonicalResponse): ResponsesOutputItem[] {
  const items: ResponsesOutputItem[] = []
  let message: ResponsesOutputMessage | undefined
  for (const part of response.content) {
    if (part.type === 'text') {
      if (part.text === '') continue
      if (message === undefined) {
        message = {
          type: 'message',
          id: outputItemId('msg', response.id, items.length),
          role: 'assistant',
          status: 'completed',
          content: [],
        }
        items.push(message)
      }
      message.content.push({ type: 'output_text', text: part.text, annotations: [] })
      continue
    }
    message = undefined
    if (part.type === 'tool_call') {
      items.push({
        type: 'function_call',
        id: outputItemId('fc', response.id, items.length),
        call_id: part.id,
        name: part.name,
        arguments: part.argumentsJson,
        status: 'completed',
      })
    } else
      items.push({
        ...encodeReasoningItem(part, outputItemId('rs', response.id, items.length)),
        status: 'completed',
      })
  }
  return items
}

/** Output items → canonical content; items of hosted tools are skipped. */
export function decodeOutputItems(output: unknown): CanonicalResponse['content'] {
  const content: CanonicalResponse['content'] = []
  for (const item of Array.isArray(output) ? output.filter(isRecord) : []) {
    if (item.type === 'message' && Array.isArray(item.content)) {
      for (const part of item.content.filter(isRecord)) {
        const text = part.type === 'refusal' ? part.refusal : part.text
        if (typeof text === 'string' && text !== '') content.push({ type: 'text', text })
      }
    } else if (item.type === 'function_call') {
      content.push({
        type: 'tool_call',
        id: String(item.call_id),
        name: String(item.name),
        argumentsJson: String(item.arguments ?? ''),
      })
    } else if (item.type === 'reasoning') content.push(decodeReasoningItem(item))
  }
  return content
}
