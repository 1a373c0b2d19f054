// Compiles a key's policy_rules once per config revision into matchers; null when nothing is configured.
import type { PolicyRules } from '@gw/contract'
import { compilePattern, isPatternProblem, type PatternProblem } from './compile-pattern.js'

/** The four policy dimensions, in the order a request is checked. */
export const policyRuleNames = ['tools', 'mcp', 'urls', 'models'] as const
export type PolicyRuleName = (typeof policyRuleNames)[number]

/** One compiled pattern with its source, reported in `meta.pattern`. */
export interface CompiledPattern {
  source: string
  regex: RegExp
}

/** One dimension: deny patterns, then an allow-list (null → everything not denied). */
export interface CompiledDimension {
  deny: readonly CompiledPattern[]
  allow: readonly CompiledPattern[] | null
}

/** A key's compiled policy; a dimension with no rules is absent, so it costs nothing. */
export type CompiledPolicy = Partial<Record<PolicyRuleName, CompiledDimension>>

/** A compiled policy, or the patterns that did not compile (the key then fails closed). */
export type PolicyCompilation =
  | { ok: true; policy: CompiledPolicy | null }
  | { ok: false; problems: Array<PatternProblem & { rule: PolicyRuleName }> }

function compileList(
  rule: PolicyRuleName,
  patterns: readonly string[],
  problems: Array<PatternProblem & { rule: PolicyRuleName }>,
): CompiledPattern[] {
  const compiled: CompiledPattern[] = []
  for (const source of patterns) {
    const regex = compilePattern(source)
    if (isPatternProblem(regex)) problems.push({ ...regex, rule })
    else compiled.push({ source, regex })
  }
  return compiled
}

/**
 * Compiles `policy_rules`. An empty allow-list is treated as "no allow-list" (`null`), since an
 * allow-list that allows nothing is never what an admin meant; deny it all with `.*` instead.
 * Returns `policy: null` when no dimension has a rule: the request path then skips the step.
 *
 * @example
 * const compiled = compilePolicy({ tools: { deny: ['^exec'], allow: null }, mcp, urls, models })
 * if (compiled.ok && compiled.policy !== null) checkToolName(compiled.policy, 'exec_shell')
 */
export function compilePolicy(rules: PolicyRules | undefined): PolicyCompilation {
  if (rules === undefined) return { ok: true, policy: null }
  const problems: Array<PatternProblem & { rule: PolicyRuleName }> = []
  const policy: CompiledPolicy = {}
  let any = false
  for (const rule of policyRuleNames) {
    const dimension = rules[rule]
    const allowSources = dimension.allow ?? []
    if (dimension.deny.length === 0 && allowSources.length === 0) continue
    const deny = compileList(rule, dimension.deny, problems)
    const allow = allowSources.length === 0 ? null : compileList(rule, allowSources, problems)
    policy[rule] = { deny, allow }
    any = true
  }
  if (problems.length > 0) return { ok: false, problems }
  return { ok: true, policy: any ? policy : null }
}
