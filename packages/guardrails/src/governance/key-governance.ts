// A key's governance (policy, guardrails, cache rules) compiled once per config object; null when it has none.
import type { GatewayKeyConfig } from '@gw/contract'
import { type CompiledCacheRule, compileCacheRules } from '../cache/compile-cache-rules.js'
import type { EvaluatorDeps } from '../evaluators/create-evaluator.js'
import { type CompiledPolicy, compilePolicy, type PolicyCompilation } from '../policy/compile-policy.js'
import { type CompiledGuardrails, compileGuardrails } from '../runner/compile-guardrails.js'

/** What a key's config asks of the governance steps, compiled. */
export interface KeyGovernance {
  /** Null → no policy rules. */
  policy: CompiledPolicy | null
  /** Set when a policy pattern does not compile: every request of the key fails closed (503). */
  policyProblems?: Extract<PolicyCompilation, { ok: false }>['problems']
  /** Null → no guardrails. */
  guardrails: CompiledGuardrails | null
  /** Null → no cache rules. */
  cacheRules: readonly CompiledCacheRule[] | null
}

type GovernedConfig = Pick<
  GatewayKeyConfig,
  'policy_rules' | 'guardrails' | 'guardrail_attachments' | 'cache_rules'
>

// Config objects are replaced, never mutated, when a key's config changes: the WeakMap is both
// the memo and its invalidation, so compilation happens once per config revision.
const compiled = new WeakMap<GovernedConfig, KeyGovernance | null>()

function compile(config: GovernedConfig, deps: EvaluatorDeps): KeyGovernance | null {
  const policy = compilePolicy(config.policy_rules)
  const guardrails = compileGuardrails(config.guardrails, config.guardrail_attachments, deps)
  const cacheRules = compileCacheRules(config.cache_rules)
  if (policy.ok && policy.policy === null && guardrails === null && cacheRules === null) return null
  const governance: KeyGovernance = { policy: policy.ok ? policy.policy : null, guardrails, cacheRules }
  if (!policy.ok) governance.policyProblems = policy.problems
  return governance
}

/**
 * The compiled governance of a key config, memoised per config object. Null when the key has no
 * policy rules, guardrails or cache rules: the steps return at once and the request pays a
 * WeakMap lookup.
 *
 * @example
 * const governance = governanceOf(key.config)
 * if (governance === null) return
 */
export function governanceOf(config: GovernedConfig, deps: EvaluatorDeps = {}): KeyGovernance | null {
  let governance = compiled.get(config)
  if (governance === undefined && !compiled.has(config)) {
    governance = compile(config, deps)
    compiled.set(config, governance)
  }
  return governance ?? null
}
