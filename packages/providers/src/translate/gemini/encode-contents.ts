// Canonical messages → Gemini `contents`: roles user/model, function calls and responses, thought signatures.
import type {
  CanonicalMessage,
  ContentPart,
  ImagePart,
  TextPart,
  ToolResultPart,
} from '../../canonical/types.js'
import { parseArguments } from '../json.js'
import { unsupportedParameter } from '../unsupported.js'
import type { GeminiContent, GeminiPart } from './types.js'

/**
 * Prefix of Gemini thought signatures in canonical reasoning parts, so a signature from another
 * provider is never sent to Gemini (it would refuse the request) and Gemini's are recognisable.
 */
export const geminiSignaturePrefix = 'gemini:'

/** Google's documented placeholder for a function call whose real signature is unknown (Gemini 3). */
export const skipThoughtSignature = 'skip_thought_signature_validator'

/** Text of a user turn put first when a conversation starts with the model. */
const leadingUserPlaceholder = '.'

const mediaTypeByExtension: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
  heic: 'image/heic',
  heif: 'image/heif',
  pdf: 'application/pdf',
}

/** Options of {@link encodeGeminiContents}. */
export interface EncodeContentsOptions {
  /** Gemini 3 refuses function-call turns without a signature: fill unknown ones with the placeholder. */
  requireSignatures: boolean
}

/**
 * Encodes the conversation. Mid-conversation system messages are returned apart (Gemini has only
 * `systemInstruction`); same-role turns merge; function responses lead their user turn and are
 * named after the call they answer (Gemini pairs them by name, not id). Reasoning text is not sent
 * back (Gemini reads nothing from it); its Gemini signature goes on the part that followed it.
 */
export function encodeGeminiContents(
  messages: CanonicalMessage[],
  options: EncodeContentsOptions,
): { contents: GeminiContent[]; hoistedSystem: TextPart[] } {
  const toolNames = new Map<string, string>()
  for (const message of messages)
    for (const part of message.content) if (part.type === 'tool_call') toolNames.set(part.id, part.name)
  const hoistedSystem: TextPart[] = []
  const contents: GeminiContent[] = []
  for (const message of messages) {
    if (message.role === 'system') {
      hoistedSystem.push(...message.content.filter((part): part is TextPart => part.type === 'text'))
      continue
    }
    const role = message.role === 'user' ? 'user' : 'model'
    const parts =
      role === 'user' ? encodeUserParts(message.content, toolNames) : encodeModelParts(message.content)
    if (parts.length === 0) continue
    const previous = contents.at(-1)
    if (previous?.role === role) previous.parts.push(...parts)
    else contents.push({ role, parts })
  }
  for (const content of contents) {
    if (content.role === 'user') content.parts.sort(functionResponsesFirst)
    else if (options.requireSignatures) fillMissingSignature(content.parts)
  }
  if (contents[0]?.role !== 'user')
    contents.unshift({ role: 'user', parts: [{ text: leadingUserPlaceholder }] })
  return { contents, hoistedSystem }
}

function encodeUserParts(content: ContentPart[], toolNames: Map<string, string>): GeminiPart[] {
  const parts: GeminiPart[] = []
  for (const part of content) {
    if (part.type === 'tool_result') parts.push(...encodeToolResult(part, toolNames))
    else if (part.type === 'image') parts.push(encodeImage(part))
    else if (part.type === 'text' && part.text !== '') parts.push({ text: part.text })
  }
  return parts
}

function encodeModelParts(content: ContentPart[]): GeminiPart[] {
  const parts: GeminiPart[] = []
  let signature: string | undefined
  const push = (part: GeminiPart) => {
    parts.push(signature === undefined ? part : { ...part, thoughtSignature: signature })
    signature = undefined
  }
  for (const part of content) {
    if (part.type === 'reasoning') {
      if (part.signature?.startsWith(geminiSignaturePrefix) === true)
        signature = part.signature.slice(geminiSignaturePrefix.length)
    } else if (part.type === 'tool_call') {
      push({ functionCall: { name: part.name, args: parseArguments(part.argumentsJson) } })
    } else if (part.type === 'text' && part.text !== '') push({ text: part.text })
  }
  return parts
}

// Gemini 3 checks the first function call of each model turn for a signature.
function fillMissingSignature(parts: GeminiPart[]): void {
  const first = parts.find((part) => part.functionCall !== undefined)
  if (first !== undefined && first.thoughtSignature === undefined)
    first.thoughtSignature = skipThoughtSignature
}

/** Canonical image → `inlineData` (base64) or `fileData` (a URL Gemini fetches; type guessed from the name). */
export function encodeImage(part: ImagePart): GeminiPart {
  if (part.source.kind === 'base64') {
    return { inlineData: { mimeType: part.source.mediaType, data: part.source.data } }
  }
  const extension = /\.([a-z0-9]+)(?:[?#]|$)/i.exec(part.source.url)?.[1]?.toLowerCase() ?? ''
  return { fileData: { mimeType: mediaTypeByExtension[extension] ?? 'image/jpeg', fileUri: part.source.url } }
}

// `response` must be an object: Google's convention is `output` for results and `error` for failures.
function encodeToolResult(part: ToolResultPart, toolNames: Map<string, string>): GeminiPart[] {
  const name = toolNames.get(part.toolCallId)
  if (name === undefined) {
    throw unsupportedParameter(
      'messages',
      `the tool result for "${part.toolCallId}" answers no tool call in the conversation`,
    )
  }
  const text = part.content
    .filter((item): item is TextPart => item.type === 'text')
    .map((item) => item.text)
    .join('\n')
  const response = { [part.isError === true ? 'error' : 'output']: parseStructured(text) }
  const images = part.content.filter((item): item is ImagePart => item.type === 'image').map(encodeImage)
  return [{ functionResponse: { name, response } }, ...images]
}

function parseStructured(text: string): unknown {
  const trimmed = text.trimStart()
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return text
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

function functionResponsesFirst(a: GeminiPart, b: GeminiPart): number {
  return Number(b.functionResponse !== undefined) - Number(a.functionResponse !== undefined)
}
