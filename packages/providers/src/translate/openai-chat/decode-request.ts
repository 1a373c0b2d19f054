// OpenAI Chat Completions request body → canonical request.
import type {
  CanonicalMessage,
  CanonicalRequest,
  CanonicalResponseFormat,
  CanonicalTool,
  ContentPart,
  ReasoningEffort,
  TextPart,
} from '../../canonical/types.js'
import { decodeCacheControl } from '../cache-control.js'
import type { DecodeContext } from '../context.js'
import { parseImageUrl } from '../data-url.js'
import { isRecord, optionalNumber, optionalString } from '../json.js'
import { unsupportedParameter } from '../unsupported.js'
import { decodeChatToolChoice } from './tool-choice.js'

/** Chat fields Responses shares under the same name, carried in `extra`. */
export const chatSharedFields = [
  'service_tier',
  'store',
  'prompt_cache_key',
  'safety_identifier',
  'verbosity',
]

const efforts = new Set(['none', 'minimal', 'low', 'medium', 'high', 'xhigh'])

/**
 * Reads an OpenAI Chat body. Leading system/developer messages become `system`; later ones stay
 * in place; `tool` messages become tool results in user turns.
 *
 * @example
 * decodeChatRequest({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }, ctx)
 */
export function decodeChatRequest(body: Record<string, unknown>, _context: DecodeContext): CanonicalRequest {
  const request: CanonicalRequest = { messages: [], extra: {} }
  if (!Array.isArray(body.messages)) throw unsupportedParameter('messages', 'must be an array')
  body.messages.filter(isRecord).forEach((message, index) => {
    decodeMessage(message, `messages[${index}]`, request)
  })
  if (Array.isArray(body.tools)) request.tools = body.tools.filter(isRecord).map(decodeTool)
  const toolChoice = decodeChatToolChoice(body.tool_choice)
  if (toolChoice !== undefined) request.toolChoice = toolChoice
  if (typeof body.parallel_tool_calls === 'boolean') request.parallelToolCalls = body.parallel_tool_calls
  const responseFormat = decodeResponseFormat(body.response_format)
  if (responseFormat !== undefined) request.responseFormat = responseFormat
  if (typeof body.stop === 'string') request.stop = [body.stop]
  else if (Array.isArray(body.stop)) request.stop = body.stop.map(String)
  const temperature = optionalNumber(body.temperature)
  if (temperature !== undefined) request.temperature = temperature
  const topP = optionalNumber(body.top_p)
  if (topP !== undefined) request.topP = topP
  const maxTokens = optionalNumber(body.max_completion_tokens) ?? optionalNumber(body.max_tokens)
  if (maxTokens !== undefined) request.maxOutputTokens = maxTokens
  const effort = optionalString(body.reasoning_effort)
  if (effort !== undefined && efforts.has(effort)) request.reasoning = { effort: effort as ReasoningEffort }
  if (typeof body.stream === 'boolean') request.stream = body.stream
  const user = optionalString(body.user)
  if (user !== undefined) request.user = user
  if (isRecord(body.metadata)) request.metadata = toStringRecord(body.metadata)
  for (const field of chatSharedFields) if (body[field] !== undefined) request.extra[field] = body[field]
  return request
}

function decodeMessage(message: Record<string, unknown>, where: string, request: CanonicalRequest): void {
  const role = message.role
  if (role === 'system' || role === 'developer') {
    const content = textParts(message.content, `${where}.content`)
    if (request.messages.length === 0) request.system = [...(request.system ?? []), ...content]
    else request.messages.push({ role: 'system', content })
    return
  }
  if (role === 'tool') {
    const content = textParts(message.content, `${where}.content`).filter((part) => part.text !== '')
    request.messages.push({
      role: 'user',
      content: [{ type: 'tool_result', toolCallId: String(message.tool_call_id), content }],
    })
    return
  }
  if (role === 'user') {
    request.messages.push({ role: 'user', content: userParts(message.content, `${where}.content`) })
    return
  }
  if (role === 'assistant') {
    request.messages.push(decodeAssistant(message, where))
    return
  }
  throw unsupportedParameter(`${where}.role`, `role "${String(role)}" cannot be translated`)
}

function decodeAssistant(message: Record<string, unknown>, where: string): CanonicalMessage {
  const content: ContentPart[] = []
  const reasoning = optionalString(message.reasoning_content)
  if (reasoning !== undefined && reasoning !== '') content.push({ type: 'reasoning', text: reasoning })
  if (message.content !== null && message.content !== undefined)
    content.push(...textParts(message.content, `${where}.content`))
  const refusal = optionalString(message.refusal)
  if (refusal !== undefined && refusal !== '') content.push({ type: 'text', text: refusal })
  if (message.function_call !== undefined)
    throw unsupportedParameter(`${where}.function_call`, 'use tool_calls')
  const toolCalls = Array.isArray(message.tool_calls) ? message.tool_calls.filter(isRecord) : []
  toolCalls.forEach((call, index) => {
    const fn = isRecord(call.function) ? call.function : undefined
    if (call.type !== 'function' || fn === undefined) {
      throw unsupportedParameter(
        `${where}.tool_calls[${index}].type`,
        'only function tool calls can be translated',
      )
    }
    content.push({
      type: 'tool_call',
      id: String(call.id),
      name: String(fn.name),
      argumentsJson: String(fn.arguments ?? ''),
    })
  })
  return { role: 'assistant', content }
}

function textParts(content: unknown, where: string): TextPart[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }]
  if (!Array.isArray(content)) return []
  return content.filter(isRecord).map((part, index) => textPart(part, `${where}[${index}]`))
}

function textPart(part: Record<string, unknown>, where: string): TextPart {
  if (part.type !== 'text' && part.type !== 'refusal') {
    throw unsupportedParameter(`${where}.type`, `content part "${String(part.type)}" is not allowed here`)
  }
  const cacheControl = decodeCacheControl(part.cache_control)
  const text = String(part.text ?? part.refusal ?? '')
  return cacheControl === undefined ? { type: 'text', text } : { type: 'text', text, cacheControl }
}

function userParts(content: unknown, where: string): ContentPart[] {
  if (!Array.isArray(content)) return textParts(content, where)
  return content.filter(isRecord).map((part, index): ContentPart => {
    if (part.type !== 'image_url') return textPart(part, `${where}[${index}]`)
    const image = isRecord(part.image_url) ? part.image_url : {}
    const detail = image.detail
    const decoded: ContentPart = { type: 'image', source: parseImageUrl(String(image.url ?? '')) }
    if (detail === 'auto' || detail === 'low' || detail === 'high') decoded.detail = detail
    return decoded
  })
}

function decodeTool(tool: Record<string, unknown>, index: number): CanonicalTool {
  const fn = isRecord(tool.function) ? tool.function : undefined
  if (tool.type !== 'function' || fn === undefined) {
    throw unsupportedParameter(
      `tools[${index}].type`,
      `tool type "${String(tool.type)}" cannot be translated`,
    )
  }
  const decoded: CanonicalTool = {
    name: String(fn.name),
    parameters: isRecord(fn.parameters) ? fn.parameters : { type: 'object', properties: {} },
  }
  if (typeof fn.description === 'string') decoded.description = fn.description
  if (typeof fn.strict === 'boolean') decoded.strict = fn.strict
  return decoded
}

function decodeResponseFormat(format: unknown): CanonicalResponseFormat | undefined {
  if (!isRecord(format)) return undefined
  if (format.type === 'text' || format.type === 'json_object') return { type: format.type }
  if (format.type !== 'json_schema' || !isRecord(format.json_schema)) return undefined
  const spec = format.json_schema
  const decoded: CanonicalResponseFormat = {
    type: 'json_schema',
    name: String(spec.name ?? 'response'),
    schema: isRecord(spec.schema) ? spec.schema : {},
  }
  if (typeof spec.strict === 'boolean') decoded.strict = spec.strict
  if (typeof spec.description === 'string') decoded.description = spec.description
  return decoded
}

function toStringRecord(value: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, String(entry)]))
}
