// Applies the parameter table to a request body before it is decoded.
import type { ParameterEntry, ParamHandling, ParamRule } from './parameters.js'
import { parameterTable } from './parameters.js'
import { unsupportedParameter } from './unsupported.js'
import type { ClientWire, TargetWire } from './wire.js'

/** A body with dropped parameters removed, and their names. */
export interface AppliedParameters {
  body: Record<string, unknown>
  dropped: string[]
}

/**
 * The column of the parameter table a target wire follows. Provider-only wires (Gemini, Bedrock
 * Converse) take what Anthropic Messages takes from OpenAI clients (stop sequences yes; `n`,
 * logprobs, penalties, seeds no) and what Chat takes from Anthropic clients; their codecs then
 * report the settings they cannot carry (`metadata` on Gemini, reasoning on non-reasoning models).
 *
 * @example
 * parameterColumn('openai-chat', 'gemini') // 'anthropic-messages'
 */
export function parameterColumn(from: ClientWire, to: TargetWire): ClientWire {
  if (to !== 'gemini' && to !== 'bedrock-converse') return to
  return from === 'anthropic-messages' ? 'openai-chat' : 'anthropic-messages'
}

/**
 * Removes what `to` cannot take and throws on what it must refuse. Top-level parameters the table
 * does not know are dropped and listed too: a translated request cannot carry them.
 *
 * @example
 * applyParameters('openai-chat', 'anthropic-messages', { model: 'm', messages: [], seed: 1 }).dropped // ['seed']
 */
export function applyParameters(
  from: ClientWire,
  to: ClientWire,
  body: Record<string, unknown>,
): AppliedParameters {
  const rules = new Map<string, ParameterEntry>(
    (parameterTable[from] as readonly ParameterEntry[]).map((entry) => [entry.param, entry]),
  )
  const cleaned: Record<string, unknown> = { ...body }
  const dropped: string[] = []
  for (const [param, value] of Object.entries(body)) {
    if (value === undefined || value === null) continue
    const entry = rules.get(param)
    const handling = entry === undefined ? 'drop' : handle(entry.to[to], value)
    if (handling === 'reject')
      throw unsupportedParameter(param, `not supported when translating ${from} to ${to}`)
    if (handling === 'drop') {
      delete cleaned[param]
      dropped.push(param)
    } else applyNested(param, value, rules, to, cleaned, dropped)
  }
  return { body: cleaned, dropped }
}

function applyNested(
  param: string,
  value: unknown,
  rules: Map<string, ParameterEntry>,
  to: ClientWire,
  cleaned: Record<string, unknown>,
  dropped: string[],
): void {
  if (typeof value !== 'object' || Array.isArray(value)) return
  const nested = { ...(value as Record<string, unknown>) }
  let changed = false
  for (const [key, inner] of Object.entries(nested)) {
    const entry = rules.get(`${param}.${key}`)
    if (entry === undefined || inner === undefined || inner === null) continue
    const handling = handle(entry.to[to], inner)
    if (handling === 'reject')
      throw unsupportedParameter(entry.param, `not supported when translating to ${to}`)
    if (handling === 'drop') {
      delete nested[key]
      dropped.push(entry.param)
      changed = true
    }
  }
  if (changed) cleaned[param] = nested
}

function handle(rule: ParamRule | undefined, value: unknown): ParamHandling {
  if (rule === undefined) return 'map'
  if (typeof rule === 'string') return rule
  return rule.when(value) ? rule.then : rule.otherwise
}
