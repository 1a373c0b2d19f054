// A bounded byte scanner over a request body: the top-level fields routing needs, and the wire contract, without JSON.parse.
import { type ClientApi, clientApis } from '../spec/client-api.js'
import { hasBackslash, scanMessages, skipString, skipValue, type ValueKind, valueKind } from './scan-bytes.js'
import {
  checkRules,
  longestName,
  MAX_TOKENS_SLOTS,
  MESSAGES,
  MODEL,
  names,
  rulesByApi,
  STREAM,
  STREAM_OPTIONS,
  slotAt,
  TEMPERATURE,
  TOOL_POLICY_NAMES,
  TOOL_POLICY_SLOTS,
  USER,
} from './scan-rules.js'

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
  /** Where the fields a passthrough may rewrite sit in the scanned bytes; undefined after a full parse. */
  readonly layout: ScannedLayout | undefined
}

/**
 * Byte offsets into the scanned buffer (value ranges `[start, end)`, -1 when the key is absent):
 * with them, setting `model` or `stream_options` needs no second scan of a large body.
 */
export interface ScannedLayout {
  /**
   * The buffer scanned: the offsets hold for that very buffer only (a step that re-serialises the
   * body, such as a guardrail's redaction, makes a new one, even of the same length).
   */
  readonly source: Buffer
  /** Index of the object's closing brace. */
  readonly closeBrace: number
  /** The object has no members (`{}`). */
  readonly empty: boolean
  readonly modelStart: number
  readonly modelEnd: number
  readonly streamOptionsStart: number
  readonly streamOptionsEnd: number
  /**
   * Where the top-level values a tool or MCP policy reads sit (`tools`, `toolConfig`,
   * `mcp_servers`, `mcp`, `mcps`), present ones only: see {@link toolPolicyFields}.
   */
  readonly toolPolicySpans: readonly ToolPolicySpan[]
}

/** One top-level value of {@link ScannedLayout.toolPolicySpans}, `[start, end)` in the scanned buffer. */
export interface ToolPolicySpan {
  readonly name: (typeof TOOL_POLICY_NAMES)[number]
  readonly start: number
  readonly end: number
}

const noSpans: readonly ToolPolicySpan[] = Object.freeze([])

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
  const empty = raw[index] === 125
  if (!empty) {
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
  const closeBrace = index
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
  let toolPolicySpans = noSpans
  for (let index = 0; index < TOOL_POLICY_SLOTS.length; index++) {
    const slot = TOOL_POLICY_SLOTS[index]!
    if (kinds[slot] === undefined) continue
    if (toolPolicySpans === noSpans) toolPolicySpans = []
    ;(toolPolicySpans as ToolPolicySpan[]).push({
      name: TOOL_POLICY_NAMES[index]!,
      start: starts[slot]!,
      end: ends[slot]!,
    })
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
    layout: {
      source: raw,
      closeBrace,
      empty,
      modelStart: kinds[MODEL] === undefined ? -1 : starts[MODEL]!,
      modelEnd: kinds[MODEL] === undefined ? -1 : ends[MODEL]!,
      streamOptionsStart: kinds[STREAM_OPTIONS] === undefined ? -1 : starts[STREAM_OPTIONS]!,
      streamOptionsEnd: kinds[STREAM_OPTIONS] === undefined ? -1 : ends[STREAM_OPTIONS]!,
      toolPolicySpans,
    },
  }
}

/**
 * The top-level values a tool or MCP policy reads, each parsed from its own bytes: what
 * `checkRequestPolicy` needs of a body when the policy has no URL rules, without parsing the
 * rest (an agent's turn is mostly messages). Undefined when one of them is not valid JSON: the
 * caller then parses the whole body, which gives the exact `invalid_json`.
 *
 * @example
 * const raw = Buffer.from('{"model":"m","messages":[],"tools":[{"name":"shell_exec"}]}')
 * toolPolicyFields(scanRequest('anthropic-messages', raw)!.layout!)
 * // → { tools: [{ name: 'shell_exec' }] }
 */
export function toolPolicyFields(layout: ScannedLayout): Record<string, unknown> | undefined {
  const fields: Record<string, unknown> = {}
  for (const span of layout.toolPolicySpans) {
    try {
      fields[span.name] = JSON.parse(layout.source.toString('utf8', span.start, span.end))
    } catch {
      return undefined
    }
  }
  return fields
}

// A JSON number's text read by Number() gives what JSON.parse gives.
function numberAt(raw: Buffer, kind: ValueKind | undefined, start: number, end: number): number | undefined {
  if (kind !== 'integer' && kind !== 'number' && kind !== 'doubtful-number') return undefined
  return Number(raw.toString('latin1', start, end))
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
    layout: undefined,
  }
}
