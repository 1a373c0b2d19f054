// Responses `input` (a string or a list of items) → canonical messages.
import type { CanonicalRequest, ContentPart, ImagePart, TextPart } from '../../canonical/types.js'
import type { DecodeContext } from '../context.js'
import { parseImageUrl } from '../data-url.js'
import { isRecord, optionalString } from '../json.js'
import { unsupportedParameter } from '../unsupported.js'
import { decodeReasoningItem } from './reasoning-item.js'

/**
 * Appends the input items to `request.messages`. Assistant-side items (messages, function calls,
 * reasoning) that follow each other share one assistant turn; each `function_call_output` is a
 * user turn with a tool result. Items of hosted tools are dropped and reported.
 */
export function decodeResponsesInput(
  input: unknown,
  request: CanonicalRequest,
  context: DecodeContext,
): void {
  if (typeof input === 'string') {
    request.messages.push({ role: 'user', content: [{ type: 'text', text: input }] })
    return
  }
  if (!Array.isArray(input)) return
  input.filter(isRecord).forEach((item, index) => {
    decodeItem(item, `input[${index}]`, request, context)
  })
}

function decodeItem(
  item: Record<string, unknown>,
  where: string,
  request: CanonicalRequest,
  context: DecodeContext,
): void {
  const type = item.type ?? 'message'
  if (type === 'message') {
    decodeMessage(item, where, request)
    return
  }
  if (type === 'function_call') {
    const call: ContentPart = {
      type: 'tool_call',
      id: String(item.call_id),
      name: String(item.name),
      argumentsJson: String(item.arguments ?? ''),
    }
    appendAssistant(request, [call])
    return
  }
  if (type === 'function_call_output') {
    const content =
      typeof item.output === 'string'
        ? textContent(item.output)
        : contentParts(item.output, `${where}.output`)
    request.messages.push({
      role: 'user',
      content: [{ type: 'tool_result', toolCallId: String(item.call_id), content }],
    })
    return
  }
  if (type === 'reasoning') {
    appendAssistant(request, [decodeReasoningItem(item)])
    return
  }
  if (type === 'item_reference')
    throw unsupportedParameter(`${where}.type`, 'item references need stored responses')
  context.drop(`input[${String(type)}]`)
}

function decodeMessage(item: Record<string, unknown>, where: string, request: CanonicalRequest): void {
  const content = contentParts(item.content, `${where}.content`)
  if (item.role === 'system' || item.role === 'developer') {
    const text = content.filter((part): part is TextPart => part.type === 'text')
    if (request.messages.length === 0) request.system = [...(request.system ?? []), ...text]
    else request.messages.push({ role: 'system', content: text })
  } else if (item.role === 'assistant') appendAssistant(request, content)
  else request.messages.push({ role: 'user', content })
}

function appendAssistant(request: CanonicalRequest, parts: ContentPart[]): void {
  const last = request.messages.at(-1)
  if (last?.role === 'assistant') last.content.push(...parts)
  else request.messages.push({ role: 'assistant', content: parts })
}

function textContent(text: string): TextPart[] {
  return text === '' ? [] : [{ type: 'text', text }]
}

function contentParts(content: unknown, where: string): Array<TextPart | ImagePart> {
  if (typeof content === 'string') return textContent(content)
  if (!Array.isArray(content)) return []
  return content.filter(isRecord).map((part, index): TextPart | ImagePart => {
    if (part.type === 'input_text' || part.type === 'output_text')
      return { type: 'text', text: String(part.text ?? '') }
    if (part.type === 'refusal') return { type: 'text', text: String(part.refusal ?? '') }
    const url = optionalString(part.image_url)
    if (part.type === 'input_image' && url !== undefined) {
      const image: ImagePart = { type: 'image', source: parseImageUrl(url) }
      if (part.detail === 'auto' || part.detail === 'low' || part.detail === 'high')
        image.detail = part.detail
      return image
    }
    throw unsupportedParameter(
      `${where}[${index}].type`,
      `content part "${String(part.type)}" cannot be translated`,
    )
  })
}
