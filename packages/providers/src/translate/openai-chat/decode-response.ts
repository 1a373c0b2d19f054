// OpenAI Chat Completions response body → canonical response (first choice).
import type { CanonicalResponse } from '../../canonical/types.js'
import { isRecord, optionalNumber, optionalString } from '../json.js'
import { decodeChatFinishReason } from './finish-reason.js'
import { decodeChatUsage } from './usage.js'

/**
 * Reads a chat completion. Only the first choice is read: requests with `n > 1` are refused
 * before they reach another wire. A refusal is read as text.
 *
 * @example
 * decodeChatResponse(completion).finishReason // 'tool_calls'
 */
export function decodeChatResponse(body: Record<string, unknown>): CanonicalResponse {
  const choice = Array.isArray(body.choices) && isRecord(body.choices[0]) ? body.choices[0] : {}
  const message = isRecord(choice.message) ? choice.message : {}
  const content: CanonicalResponse['content'] = []
  const reasoning = optionalString(message.reasoning_content)
  if (reasoning !== undefined && reasoning !== '') content.push({ type: 'reasoning', text: reasoning })
  const text = optionalString(message.content) ?? optionalString(message.refusal)
  if (text !== undefined && text !== '') content.push({ type: 'text', text })
  const toolCalls = Array.isArray(message.tool_calls) ? message.tool_calls.filter(isRecord) : []
  for (const call of toolCalls) {
    const fn = isRecord(call.function) ? call.function : {}
    content.push({
      type: 'tool_call',
      id: String(call.id),
      name: String(fn.name),
      argumentsJson: String(fn.arguments ?? ''),
    })
  }
  const response: CanonicalResponse = {
    id: String(body.id ?? ''),
    model: String(body.model ?? ''),
    content,
    finishReason: decodeChatFinishReason(choice.finish_reason),
    usage: decodeChatUsage(body.usage),
  }
  const created = optionalNumber(body.created)
  if (created !== undefined) response.created = created
  return response
}
