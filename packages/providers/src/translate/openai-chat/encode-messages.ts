// Canonical system and messages → OpenAI Chat messages (tool results become `tool` messages).
import type {
  CanonicalMessage,
  CanonicalRequest,
  ContentPart,
  ImagePart,
  TextPart,
} from '../../canonical/types.js'
import { toImageUrl } from '../data-url.js'
import type { OpenAIChatContentPart, OpenAIChatMessage, OpenAIChatToolCall } from './types.js'

/** Joins text parts the way every wire without blocks shows them: separated by a blank line. */
export function joinText(parts: ContentPart[]): string {
  return parts
    .filter((part): part is TextPart => part.type === 'text')
    .map((part) => part.text)
    .join('\n\n')
}

/**
 * Encodes the conversation. Reasoning from earlier turns is left out (Chat has no field for it);
 * images inside tool results follow the tool messages in a user message, since Chat tool messages
 * carry text only.
 */
export function encodeChatMessages(request: CanonicalRequest): OpenAIChatMessage[] {
  const messages: OpenAIChatMessage[] = []
  if (request.system !== undefined && request.system.length > 0) {
    messages.push({ role: 'system', content: joinText(request.system) })
  }
  for (const message of request.messages) messages.push(...encodeMessage(message))
  return messages
}

function encodeMessage(message: CanonicalMessage): OpenAIChatMessage[] {
  if (message.role === 'system') return [{ role: 'system', content: joinText(message.content) }]
  if (message.role === 'assistant') return encodeAssistant(message)
  const out: OpenAIChatMessage[] = []
  const userParts: OpenAIChatContentPart[] = []
  const toolImages: ImagePart[] = []
  for (const part of message.content) {
    if (part.type === 'tool_result') {
      out.push({ role: 'tool', tool_call_id: part.toolCallId, content: joinText(part.content) })
      toolImages.push(...part.content.filter((inner): inner is ImagePart => inner.type === 'image'))
    } else if (part.type === 'text') userParts.push({ type: 'text', text: part.text })
    else if (part.type === 'image') userParts.push(encodeImage(part))
  }
  userParts.unshift(...toolImages.map(encodeImage))
  if (userParts.length > 0) out.push({ role: 'user', content: simplify(userParts) })
  return out
}

function encodeAssistant(message: CanonicalMessage): OpenAIChatMessage[] {
  const toolCalls: OpenAIChatToolCall[] = []
  for (const part of message.content) {
    if (part.type === 'tool_call') {
      toolCalls.push({
        id: part.id,
        type: 'function',
        function: { name: part.name, arguments: part.argumentsJson },
      })
    }
  }
  const hasText = message.content.some((part) => part.type === 'text')
  if (!hasText && toolCalls.length === 0) return []
  const content = hasText ? joinText(message.content) : null
  return [
    toolCalls.length > 0
      ? { role: 'assistant', content, tool_calls: toolCalls }
      : { role: 'assistant', content },
  ]
}

function encodeImage(part: ImagePart): OpenAIChatContentPart {
  const imageUrl: { url: string; detail?: 'auto' | 'low' | 'high' } = { url: toImageUrl(part.source) }
  if (part.detail !== undefined) imageUrl.detail = part.detail
  return { type: 'image_url', image_url: imageUrl }
}

// A lone text part is sent as a plain string, which every OpenAI-compatible server accepts.
function simplify(parts: OpenAIChatContentPart[]): string | OpenAIChatContentPart[] {
  const [first] = parts
  return parts.length === 1 && first?.type === 'text' ? first.text : parts
}
