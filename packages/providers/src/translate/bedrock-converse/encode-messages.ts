// Canonical messages → Converse turns: alternating roles, tool results first, cache points, signed reasoning.
import type {
  CacheControl,
  CanonicalMessage,
  ContentPart,
  ImagePart,
  TextPart,
  ToolResultPart,
} from '../../canonical/types.js'
import { toAnthropicToolId } from '../anthropic-messages/content.js'
import { geminiSignaturePrefix } from '../gemini/encode-contents.js'
import { parseArguments } from '../json.js'
import { unsupportedParameter } from '../unsupported.js'
import type {
  ConverseContentBlock,
  ConverseImageBlock,
  ConverseMessage,
  ConverseToolResultBlock,
} from './types.js'

/** Text of a user turn put first when a conversation starts with the assistant (Converse refuses that). */
const leadingUserPlaceholder = '.'

const formatByMediaType: Record<string, ConverseImageBlock['image']['format']> = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/jpg': 'jpeg',
  'image/gif': 'gif',
  'image/webp': 'webp',
}

/** A block followed by its cache point, kept together when a turn's blocks are reordered. */
type Group = ConverseContentBlock[]

/** `cachePoint` block written after a block that carried a cache marker. */
export function withCachePoint(block: ConverseContentBlock, cacheControl: CacheControl | undefined): Group {
  return cacheControl === undefined ? [block] : [block, { cachePoint: { type: 'default' } }]
}

/**
 * Encodes the conversation. Mid-conversation system messages are returned apart; same-role
 * turns merge (Converse requires alternation); tool results lead their user turn; empty text
 * is removed; a final assistant prefill loses trailing whitespace; tool ids are made
 * `[a-zA-Z0-9_-]`. Only signed reasoning goes back, and never a Gemini signature.
 */
export function encodeConverseMessages(messages: CanonicalMessage[]): {
  messages: ConverseMessage[]
  hoistedSystem: TextPart[]
} {
  const hoistedSystem: TextPart[] = []
  const turns: Array<{ role: 'user' | 'assistant'; groups: Group[] }> = []
  for (const message of messages) {
    if (message.role === 'system') {
      hoistedSystem.push(...message.content.filter((part): part is TextPart => part.type === 'text'))
      continue
    }
    const groups = message.content.flatMap((part) => encodePart(part, message.role === 'user'))
    if (groups.length === 0) continue
    const previous = turns.at(-1)
    if (previous?.role === message.role) previous.groups.push(...groups)
    else turns.push({ role: message.role, groups })
  }
  const encoded: ConverseMessage[] = turns.map((turn) => {
    if (turn.role === 'user') turn.groups.sort(toolResultsFirst)
    return { role: turn.role, content: turn.groups.flat() }
  })
  if (encoded[0]?.role !== 'user')
    encoded.unshift({ role: 'user', content: [{ text: leadingUserPlaceholder }] })
  trimFinalAssistantText(encoded.at(-1))
  return { messages: encoded, hoistedSystem }
}

function encodePart(part: ContentPart, userTurn: boolean): Group[] {
  switch (part.type) {
    case 'text':
      return part.text === '' ? [] : [withCachePoint({ text: part.text }, part.cacheControl)]
    case 'image':
      return [withCachePoint(encodeConverseImage(part), part.cacheControl)]
    case 'tool_result':
      return userTurn ? [withCachePoint(encodeToolResult(part), part.cacheControl)] : []
    case 'tool_call':
      return userTurn
        ? []
        : [
            [
              {
                toolUse: {
                  toolUseId: toAnthropicToolId(part.id),
                  name: part.name,
                  input: parseArguments(part.argumentsJson),
                },
              },
            ],
          ]
    case 'reasoning': {
      const signature = part.signature ?? ''
      if (userTurn || signature === '' || signature.startsWith(geminiSignaturePrefix)) return []
      if (part.redacted === true) return [[{ reasoningContent: { redactedContent: signature } }]]
      return [[{ reasoningContent: { reasoningText: { text: part.text, signature } } }]]
    }
  }
}

/** Canonical image → Converse image; only inline PNG, JPEG, GIF and WebP can be sent. */
export function encodeConverseImage(part: ImagePart): ConverseImageBlock {
  if (part.source.kind === 'url') {
    throw unsupportedParameter(
      'messages',
      'Bedrock Converse takes inline (base64) images only, not image URLs',
    )
  }
  const format = formatByMediaType[part.source.mediaType.toLowerCase()]
  if (format === undefined) {
    throw unsupportedParameter(
      'messages',
      `Bedrock Converse cannot read images of type ${part.source.mediaType}`,
    )
  }
  return { image: { format, source: { bytes: part.source.data } } }
}

function encodeToolResult(part: ToolResultPart): ConverseContentBlock {
  const content: ConverseToolResultBlock['toolResult']['content'] = []
  for (const item of part.content) {
    if (item.type === 'image') content.push(encodeConverseImage(item))
    else if (item.text !== '') content.push({ text: item.text })
  }
  return {
    toolResult: {
      toolUseId: toAnthropicToolId(part.toolCallId),
      content,
      ...(part.isError === true ? { status: 'error' as const } : {}),
    },
  }
}

function toolResultsFirst(a: Group, b: Group): number {
  return Number('toolResult' in b[0]!) - Number('toolResult' in a[0]!)
}

// Claude on Bedrock rejects a final assistant turn (a prefill) that ends with whitespace.
function trimFinalAssistantText(turn: ConverseMessage | undefined): void {
  const last = turn?.role === 'assistant' ? turn.content.at(-1) : undefined
  if (last !== undefined && 'text' in last) last.text = last.text.trimEnd()
}
