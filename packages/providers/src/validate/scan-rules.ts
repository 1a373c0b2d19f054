// The scanner's table: the top-level names it records (slots) and the wire-contract rules per API, as slots.
import type { ClientApi } from '../spec/client-api.js'
import type { ValueKind } from './scan-bytes.js'

type Kind = 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object' | 'string-or-array'
export interface Rule {
  slot: number
  kind: Kind
  required: boolean
}

// Every top-level name the scanner records; each has a slot in the per-scan table.
export const names = [
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
  'toolConfig',
  'mcp_servers',
  'mcp',
  'mcps',
] as const
export const slotOf = new Map<string, number>(names.map((name, index) => [name, index]))
// The names by length, as bytes: a key is matched in place, without decoding it to a string.
const namesByLength: Array<Array<{ bytes: Buffer; slot: number }>> = []
for (const [slot, name] of names.entries()) {
  namesByLength[name.length] ??= []
  namesByLength[name.length]!.push({ bytes: Buffer.from(name, 'latin1'), slot })
}

/**
 * The slot of the key whose quotes are at `[start, end)`, or undefined when it is not recorded.
 *
 * @example
 * slotAt(Buffer.from('"model"'), 0, 7) === MODEL // → true
 */
export function slotAt(raw: Buffer, start: number, end: number): number | undefined {
  const candidates = namesByLength[end - start - 2]
  if (candidates === undefined) return undefined
  for (const { bytes, slot } of candidates) {
    let offset = 0
    while (offset < bytes.length && raw[start + 1 + offset] === bytes[offset]) offset++
    if (offset === bytes.length) return slot
  }
  return undefined
}
export const MODEL = slotOf.get('model')!
export const STREAM = slotOf.get('stream')!
export const STREAM_OPTIONS = slotOf.get('stream_options')!
export const MESSAGES = slotOf.get('messages')!
export const MAX_TOKENS_SLOTS = ['max_tokens', 'max_completion_tokens', 'max_output_tokens'].map(
  (name) => slotOf.get(name)!,
)
export const TEMPERATURE = slotOf.get('temperature')!
export const USER = slotOf.get('user')!
/** The top-level names a tool or MCP policy reads (`checkRequestPolicy`): tools of every wire and MCP server lists. */
export const TOOL_POLICY_NAMES = ['tools', 'toolConfig', 'mcp_servers', 'mcp', 'mcps'] as const
export const TOOL_POLICY_SLOTS = TOOL_POLICY_NAMES.map((name) => slotOf.get(name)!)
export const longestName = Math.max(...names.map((name) => name.length))

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
export const rulesByApi: Partial<Record<ClientApi, readonly Rule[]>> = {
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

/**
 * Whether the scanned kinds meet every rule (a required field present, each present one of its type).
 *
 * @example
 * checkRules(rulesByApi['openai-embeddings']!, kinds) // false when `input` is missing
 */
export function checkRules(rules: readonly Rule[], kinds: readonly (ValueKind | undefined)[]): boolean {
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
