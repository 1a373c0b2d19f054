// Declarative required-field and type rules of each client wire, and the check that applies them.
import { GatewayError } from '@gw/contract'
import type { WireFamily } from '../spec/client-api.js'

/** The JSON types a rule can demand. */
export type FieldKind = 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object' | 'string-or-array'

/** One top-level field of a request body. */
export interface FieldRule {
  name: string
  kind: FieldKind
  required: boolean
}

const kindWords: Record<FieldKind, { openai: string; anthropic: string }> = {
  string: { openai: 'a string', anthropic: 'a valid string' },
  integer: { openai: 'an integer', anthropic: 'a valid integer' },
  number: { openai: 'a number', anthropic: 'a valid number' },
  boolean: { openai: 'a boolean', anthropic: 'a valid boolean' },
  array: { openai: 'an array', anthropic: 'a valid list' },
  object: { openai: 'an object', anthropic: 'a valid dictionary' },
  'string-or-array': { openai: 'a string or an array', anthropic: 'a valid string or list' },
}

function matches(kind: FieldKind, value: unknown): boolean {
  switch (kind) {
    case 'string':
      return typeof value === 'string'
    case 'integer':
      return Number.isInteger(value)
    case 'number':
      return typeof value === 'number' && Number.isFinite(value)
    case 'boolean':
      return typeof value === 'boolean'
    case 'array':
      return Array.isArray(value)
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value)
    case 'string-or-array':
      return typeof value === 'string' || Array.isArray(value)
  }
}

function typeName(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'object') return 'an object'
  return typeof value === 'number' && !Number.isInteger(value) ? 'a decimal' : `a ${typeof value}`
}

/**
 * The 400 for a missing field, worded as the client's own provider words it (OpenAI: "Missing
 * required parameter: 'messages'."; Anthropic: "max_tokens: Field required").
 */
export function missingField(family: WireFamily, name: string): GatewayError {
  const message = family === 'openai' ? `Missing required parameter: '${name}'.` : `${name}: Field required`
  return new GatewayError('missing_required_parameter', message, { meta: { param: name } })
}

/** The 400 for a field of the wrong JSON type. */
export function invalidField(
  family: WireFamily,
  name: string,
  kind: FieldKind,
  value: unknown,
): GatewayError {
  const message =
    family === 'openai'
      ? `Invalid type for '${name}': expected ${kindWords[kind].openai}, but got ${typeName(value)} instead.`
      : `${name}: Input should be ${kindWords[kind].anthropic}`
  return new GatewayError('invalid_type', message, { meta: { param: name } })
}

/**
 * Checks `body` against `rules` in order and throws the first problem. `null` counts as absent
 * for optional fields (the SDKs send it for unset options).
 *
 * @example
 * checkFields('anthropic', body, [{ name: 'max_tokens', kind: 'integer', required: true }])
 */
export function checkFields(
  family: WireFamily,
  body: Record<string, unknown>,
  rules: readonly FieldRule[],
): void {
  for (const rule of rules) {
    const value = body[rule.name]
    if (value === undefined || (value === null && !rule.required)) {
      if (rule.required) throw missingField(family, rule.name)
      continue
    }
    if (!matches(rule.kind, value)) throw invalidField(family, rule.name, rule.kind, value)
  }
}
