// Converts Anthropic content blocks to canonical parts and back (shared by requests and responses).
import type {
  CacheControl,
  ContentPart,
  ImagePart,
  ReasoningPart,
  TextPart,
  ToolCallPart,
} from '../../canonical/types.js'
import { decodeCacheControl } from '../cache-control.js'
import { geminiSignaturePrefix } from '../gemini/encode-contents.js'
import { isRecord, parseArguments } from '../json.js'
import { unsupportedParameter } from '../unsupported.js'
import type {
  AnthropicCacheControl,
  AnthropicImageBlock,
  AnthropicRedactedThinkingBlock,
  AnthropicTextBlock,
  AnthropicThinkingBlock,
  AnthropicToolUseBlock,
} from './types.js'

/** Adds `cache_control` to a block when the part had one. */
export function withCacheControl<T extends object>(
  block: T,
  cacheControl: CacheControl | undefined,
): T & { cache_control?: AnthropicCacheControl } {
  return cacheControl === undefined ? block : { ...block, cache_control: { ...cacheControl } }
}

/** Anthropic text or image block → canonical part; `where` names it in errors. */
export function decodeMediaBlock(block: Record<string, unknown>, where: string): TextPart | ImagePart {
  const cacheControl = decodeCacheControl(block.cache_control)
  const cache = cacheControl === undefined ? {} : { cacheControl }
  if (block.type === 'text') return { type: 'text', text: String(block.text ?? ''), ...cache }
  if (block.type === 'image' && isRecord(block.source)) {
    const source = block.source
    if (source.type === 'base64') {
      const image = {
        kind: 'base64' as const,
        mediaType: String(source.media_type),
        data: String(source.data),
      }
      return { type: 'image', source: image, ...cache }
    }
    if (source.type === 'url')
      return { type: 'image', source: { kind: 'url', url: String(source.url) }, ...cache }
  }
  throw unsupportedParameter(`${where}.type`, `content block "${describe(block)}" cannot be translated`)
}

/** Anthropic assistant-side block (text, tool_use, thinking) → canonical part. */
export function decodeAssistantBlock(
  block: Record<string, unknown>,
  where: string,
): TextPart | ToolCallPart | ReasoningPart {
  switch (block.type) {
    case 'tool_use':
      return {
        type: 'tool_call',
        id: String(block.id),
        name: String(block.name),
        argumentsJson: JSON.stringify(block.input ?? {}),
      }
    case 'thinking':
      return {
        type: 'reasoning',
        text: String(block.thinking ?? ''),
        signature: String(block.signature ?? ''),
      }
    case 'redacted_thinking':
      return { type: 'reasoning', text: '', signature: String(block.data ?? ''), redacted: true }
    case 'text':
      return decodeMediaBlock(block, where) as TextPart
    default:
      throw unsupportedParameter(`${where}.type`, `content block "${describe(block)}" cannot be translated`)
  }
}

// Anthropic accepts tool ids matching ^[a-zA-Z0-9_-]+$; other wires' ids may carry other characters.
const invalidToolIdCharacters = /[^a-zA-Z0-9_-]/g

/** A tool id Anthropic accepts; applied to both tool_use ids and tool_result references so they match. */
export function toAnthropicToolId(id: string): string {
  return id.replace(invalidToolIdCharacters, '_')
}

/** Canonical text or image part → Anthropic block. */
export function encodeMediaPart(part: TextPart | ImagePart): AnthropicTextBlock | AnthropicImageBlock {
  if (part.type === 'text') return withCacheControl({ type: 'text', text: part.text }, part.cacheControl)
  const source =
    part.source.kind === 'url'
      ? { type: 'url' as const, url: part.source.url }
      : { type: 'base64' as const, media_type: part.source.mediaType, data: part.source.data }
  return withCacheControl({ type: 'image', source }, part.cacheControl)
}

/** Canonical assistant part → Anthropic block; unsigned reasoning has no Anthropic form (`undefined`). */
export function encodeAssistantPart(
  part: ContentPart,
):
  | AnthropicTextBlock
  | AnthropicToolUseBlock
  | AnthropicThinkingBlock
  | AnthropicRedactedThinkingBlock
  | undefined {
  switch (part.type) {
    case 'text':
      return part.text === ''
        ? undefined
        : withCacheControl({ type: 'text' as const, text: part.text }, part.cacheControl)
    case 'tool_call':
      return {
        type: 'tool_use',
        id: toAnthropicToolId(part.id),
        name: part.name,
        input: parseArguments(part.argumentsJson),
      }
    case 'reasoning':
      // Gemini thought signatures (after a fallback from Gemini) would make Claude refuse the turn.
      if (!isAnthropicSignature(part.signature)) return undefined
      return part.redacted === true
        ? { type: 'redacted_thinking', data: part.signature }
        : { type: 'thinking', thinking: part.text, signature: part.signature }
    default:
      return undefined
  }
}

/** Whether a reasoning signature can go back to Claude: present, and not a Gemini thought signature. */
export function isAnthropicSignature(signature: string | undefined): signature is string {
  return signature !== undefined && signature !== '' && !signature.startsWith(geminiSignaturePrefix)
}

/** Blocks as an array (Anthropic allows a plain string for one text block). */
export function blocksOf(content: unknown): Array<Record<string, unknown>> {
  if (typeof content === 'string') return [{ type: 'text', text: content }]
  return Array.isArray(content) ? content.filter(isRecord) : []
}

function describe(block: Record<string, unknown>): string {
  return typeof block.type === 'string' ? block.type : 'unknown'
}
