// A bounded byte scanner over a request body: the top-level fields routing needs, and the wire contract, without JSON.parse.
import { type ClientApi, clientApis } from '../spec/client-api.js'
import { hasBackslash, scanMessages, skipString, skipValue, type ValueKind, valueKind } from './scan-bytes.js'

/**
 * What {@link scanRequest} read from the raw bytes. `valid` true means the body passes
 * `validateClientRequest` for the API (so a same-shape passthrough needs no parse); false means
 * "not sure", never "invalid": the caller parses and validates for the exact error.
 */
export interface ScannedRequest {
  /** The top-level `model` when it is a JSON string (last occurrence wins, as with JSON.parse). */
  readonly model: string | undefined
  /** The top-level `stream` is literally `true`. */
  readonly stream: boolean
  /** The top-level `stream_options` when it is an object (parsed from its own bytes), else undefined. */
  readonly streamOptions: Record<string, unknown> | undefined
  /** The first of `max_tokens`, `max_completion_tokens`, `max_output_tokens` that is a number. */
  readonly maxTokens: number | undefined
  /** The top-level `temperature` when it is a number. */
  readonly temperature: number | undefined
  /** The top-level `user` (OpenAI's end-user id) when it is a string. */
  readonly user: string | undefined
  readonly valid: boolean
}

type Kind = 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object' | 'string-or-array'
interface Rule {
  slot: number
  kind: Kind
  required: boolean
}

// Every top-level name the scanner records; each has a slot in the per-scan table.
const names = [
  'model',
  'stream',
  'stream_options',
  'messages',
  'max_tokens',
  'max_completion_tokens',
  'max_output_tokens',
  'system',
  'tools',
  'tool_choice',
  'thinking',
  'metadata',
  'temperature',
  'top_p',
  'top_k',
  'stop_sequences',
  'n',
  'input',
  'instructions',
  'user',
] as const
const slotOf = new Map<string, number>(names.map((name, index) => [name, index]))
// The names by length, as bytes: a key is matched in place, without decoding it to a string.
const namesByLength: Array<Array<{ bytes: Buffer; slot: number }>> = []
for (const [slot, name] of names.entries()) {
  namesByLength[name.length] ??= []
  namesByLength[name.length]!.push({ bytes: Buffer.from(name, 'latin1'), slot })
}

/** The slot of the key whose quotes are at `[start, end)`, or undefined when it is not recorded. */
function slotAt(raw: Buffer, start: number, end: number): number | undefined {
  const candidates = namesByLength[end - start - 2]
  if (candidates === undefined) return undefined
  for (const { bytes, slot } of candidates) {
    let offset = 0
    while (offset < bytes.length && raw[start + 1 + offset] === bytes[offset]) offset++
    if (offset === bytes.length) return slot
  }
  return undefined
}
const MODEL = slotOf.get('model')!
const STREAM = slotOf.get('stream')!
const STREAM_OPTIONS = slotOf.get('stream_options')!
const MESSAGES = slotOf.get('messages')!
const MAX_TOKENS_SLOTS = ['max_tokens', 'max_completion_tokens', 'max_output_tokens'].map(
  (name) => slotOf.get(name)!,
)
const TEMPERATURE = slotOf.get('temperature')!
const USER = slotOf.get('user')!
const longestName = Math.max(...names.map((name) => name.length))

const rule = (name: (typeof names)[number], kind: Kind, required = false): Rule => ({
  slot: slotOf.get(name)!,
  kind,
  required,
})
const anthropicCommon = [
  rule('model', 'string', true),
  rule('messages', 'array', true),
  rule('system', 'string-or-array'),
  rule('tools', 'array'),
  rule('tool_choice', 'object'),
  rule('thinking', 'object'),
  rule('metadata', 'object'),
]
// The same table as validate-request.ts, as slots (a test checks they agree on sample bodies).
const rulesByApi: Partial<Record<ClientApi, readonly Rule[]>> = {
  'anthropic-messages': [
    ...anthropicCommon,
    rule('max_tokens', 'integer', true),
    rule('stream', 'boolean'),
    rule('temperature', 'number'),
    rule('top_p', 'number'),
    rule('top_k', 'integer'),
    rule('stop_sequences', 'array'),
  ],
  'anthropic-count-tokens': anthropicCommon,
  'openai-chat': [
    rule('model', 'string', true),
    rule('messages', 'array', true),
    rule('stream', 'boolean'),
    rule('max_tokens', 'integer'),
    rule('max_completion_tokens', 'integer'),
    rule('n', 'integer'),
    rule('temperature', 'number'),
    rule('top_p', 'number'),
    rule('tools', 'array'),
    rule('stream_options', 'object'),
  ],
  'openai-responses': [
    rule('model', 'string', true),
    rule('input', 'string-or-array'),
    rule('instructions', 'string'),
    rule('stream', 'boolean'),
    rule('max_output_tokens', 'integer'),
    rule('temperature', 'number'),
    rule('top_p', 'number'),
    rule('tools', 'array'),
  ],
  'openai-embeddings': [rule('model', 'string', true), rule('input', 'string-or-array', true)],
}

function matches(kind: Kind, found: ValueKind): boolean {
  switch (kind) {
    case 'string':
      return found === 'string'
    case 'integer':
      return found === 'integer'
    case 'number':
      return found === 'integer' || found === 'number'
    case 'boolean':
      return found === 'true' || found === 'false'
    case 'array':
      return found === 'array'
    case 'object':
      return found === 'object'
    case 'string-or-array':
      return found === 'string' || found === 'array'
  }
}

const SPACE = new Uint8Array(256)
for (const byte of [32, 9, 10, 13]) SPACE[byte] = 1
function skipSpace(raw: Buffer, index: number): number {
  while (index < raw.length && SPACE[raw[index]!] === 1) index++
  return index
}

function decodeString(raw: Buffer, start: number, end: number): string | undefined {
  if (!hasBackslash(raw, start, end)) return raw.toString('utf8', start + 1, end - 1)
  try {
    return JSON.parse(raw.toString('utf8', start, end)) as string
  } catch {
    return undefined
  }
}

// The per-scan table, shared: scans are synchronous, so they never interleave.
const kinds: (ValueKind | undefined)[] = new Array(names.length).fill(undefined)
const starts = new Int32Array(names.length)
const ends = new Int32Array(names.length)

/**
 * Reads a request body's top-level fields from its bytes. Strings are skipped with `indexOf`,
 * so the cost follows the body's structure, not its text; nesting is bounded (64 levels) and
 * brackets must match. Returns undefined when the bytes are not a JSON object it can read (not
 * an object, broken top level, a top-level key with escapes, nesting too deep): the caller then
 * parses fully, which gives the exact `invalid_json` or accepts the body.
 * Not checked here (a full parse would): string contents (control characters, escapes) and the
 * grammar inside nested values other than `messages` entries.
 *
 * @example
 * scanRequest('openai-chat', Buffer.from('{"model":"gpt-4o","messages":[],"stream":true}'))
 * // → { model: 'gpt-4o', stream: true, valid: true, streamOptions: undefined, maxTokens: undefined, … }
 */
export function scanRequest(api: ClientApi, raw: Buffer): ScannedRequest | undefined {
  kinds.fill(undefined)
  const rules = rulesByApi[api]
  const openai = clientApis[api].wire === 'openai'
  let messagesOk = false
  let index = skipSpace(raw, 0)
  if (raw[index] !== 123) return undefined
  index = skipSpace(raw, index + 1)
  if (raw[index] !== 125) {
    for (;;) {
      if (raw[index] !== 34) return undefined
      const keyEnd = skipString(raw, index)
      if (keyEnd === -1) return undefined
      let slot: number | undefined
      if (hasBackslash(raw, index, keyEnd)) return undefined
      if (keyEnd - index - 2 <= longestName) slot = slotAt(raw, index, keyEnd)
      index = skipSpace(raw, keyEnd)
      if (raw[index] !== 58) return undefined
      const start = skipSpace(raw, index + 1)
      let end: number
      if (slot === MESSAGES && rules !== undefined && raw[start] === 91) {
        end = scanMessages(raw, start, openai)
        messagesOk = end !== -1
        if (end === -1) end = skipValue(raw, start)
      } else end = skipValue(raw, start)
      if (end === -1) return undefined
      if (slot !== undefined) {
        kinds[slot] = valueKind(raw, start, end)
        starts[slot] = start
        ends[slot] = end
      }
      index = skipSpace(raw, end)
      if (raw[index] === 44) {
        index = skipSpace(raw, index + 1)
        continue
      }
      if (raw[index] === 125) break
      return undefined
    }
  }
  if (skipSpace(raw, index + 1) !== raw.length) return undefined
  let model: string | undefined
  if (kinds[MODEL] === 'string') {
    model = decodeString(raw, starts[MODEL]!, ends[MODEL]!)
    if (model === undefined) return undefined
  }
  let streamOptions: Record<string, unknown> | undefined
  if (kinds[STREAM_OPTIONS] === 'object') {
    try {
      streamOptions = JSON.parse(raw.toString('utf8', starts[STREAM_OPTIONS]!, ends[STREAM_OPTIONS]!))
    } catch {
      return undefined
    }
  }
  let user: string | undefined
  if (kinds[USER] === 'string') {
    user = decodeString(raw, starts[USER]!, ends[USER]!)
    if (user === undefined) return undefined
  }
  let maxTokens: number | undefined
  for (const slot of MAX_TOKENS_SLOTS) {
    maxTokens = numberAt(raw, kinds[slot], starts[slot]!, ends[slot]!)
    if (maxTokens !== undefined) break
  }
  return {
    model,
    stream: kinds[STREAM] === 'true',
    streamOptions,
    maxTokens,
    temperature: numberAt(raw, kinds[TEMPERATURE], starts[TEMPERATURE]!, ends[TEMPERATURE]!),
    user,
    valid: rules === undefined || (checkRules(rules, kinds) && (kinds[MESSAGES] !== 'array' || messagesOk)),
  }
}

// A JSON number's text read by Number() gives what JSON.parse gives.
function numberAt(raw: Buffer, kind: ValueKind | undefined, start: number, end: number): number | undefined {
  if (kind !== 'integer' && kind !== 'number' && kind !== 'doubtful-number') return undefined
  return Number(raw.toString('latin1', start, end))
}

function checkRules(rules: readonly Rule[], kinds: readonly (ValueKind | undefined)[]): boolean {
  for (const { slot, kind, required } of rules) {
    const found = kinds[slot]
    if (found === undefined || (found === 'null' && !required)) {
      if (required) return false
      continue
    }
    if (!matches(kind, found)) return false
  }
  return true
}

/**
 * The same facts taken from an already parsed body (`valid` false: the caller validates it).
 *
 * @example
 * scannedFromParsed({ model: 'gpt-4o', stream: true }).model // → 'gpt-4o'
 */
export function scannedFromParsed(parsed: Record<string, unknown>): ScannedRequest {
  const options = parsed.stream_options
  const number = (value: unknown) => (typeof value === 'number' ? value : undefined)
  return {
    model: typeof parsed.model === 'string' ? parsed.model : undefined,
    stream: parsed.stream === true,
    streamOptions:
      typeof options === 'object' && options !== null && !Array.isArray(options)
        ? (options as Record<string, unknown>)
        : undefined,
    maxTokens:
      number(parsed.max_tokens) ?? number(parsed.max_completion_tokens) ?? number(parsed.max_output_tokens),
    temperature: number(parsed.temperature),
    user: typeof parsed.user === 'string' ? parsed.user : undefined,
    valid: false,
  }
}
