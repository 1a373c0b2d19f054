// Checks one value (tool name, MCP server, URL, model) against a compiled dimension: deny first, then allow.
import type { CompiledDimension, PolicyRuleName } from './compile-policy.js'

/** Why a value was refused; becomes `meta` of the 403 `policy_violation`. */
export interface PolicyViolation {
  rule: PolicyRuleName
  /** `deny`: a deny pattern matched; `allow`: no pattern of the allow-list matched. */
  list: 'deny' | 'allow'
  /** The deny pattern that matched; null for an allow-list miss. */
  pattern: string | null
  value: string
}

/** Values longer than this are checked on their first characters only: bounds regex cost. */
export const maxCheckedValueLength = 2_048

/**
 * Checks a value. Patterns are searched (unanchored), so `exec` denies `run_exec_tool`; anchor
 * with `^…$` for exact names.
 *
 * @example
 * checkValue('tools', dimension, 'exec_shell') // → { rule: 'tools', list: 'deny', pattern: '^exec', value: 'exec_shell' }
 */
export function checkValue(
  rule: PolicyRuleName,
  dimension: CompiledDimension,
  value: string,
): PolicyViolation | undefined {
  const checked = value.length > maxCheckedValueLength ? value.slice(0, maxCheckedValueLength) : value
  for (const { source, regex } of dimension.deny) {
    if (regex.test(checked)) return { rule, list: 'deny', pattern: source, value: checked }
  }
  if (dimension.allow === null) return undefined
  for (const { regex } of dimension.allow) {
    if (regex.test(checked)) return undefined
  }
  return { rule, list: 'allow', pattern: null, value: checked }
}
