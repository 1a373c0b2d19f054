// Compiles a key's cache_rules once per config revision: sorted by priority, model globs as regexes.
import type { CacheRule, CacheRuleMode } from '@gw/contract'

/** One compiled cache rule. */
export interface CompiledCacheRule {
  id: string
  priority: number
  mode: CacheRuleMode
  ttl?: number
  model?: RegExp
  vkId?: string
  vkPrefix?: string
  vkTags?: readonly string[]
  principalId?: string
  metadata?: ReadonlyArray<[string, string]>
}

/** Turns a glob (`*` any run, `?` one character) into an anchored regex. */
export function globToRegExp(glob: string): RegExp {
  const escaped = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.')
  return new RegExp(`^${escaped}$`)
}

/**
 * Compiles cache rules, highest priority first (ties keep the config's order). `markers` (the
 * default) keeps the provider-marker modes (respect, force, disable); `response` keeps the rules
 * of mode `cache` (the response cache), so each decision picks among its own rules. Returns null
 * when there are none, so the step costs nothing for the key.
 *
 * @example
 * const rules = compileCacheRules([{ id: 'r1', priority: 10, matchers: { model: 'claude-*' }, action: { mode: 'force' } }])
 */
export function compileCacheRules(
  all: readonly CacheRule[],
  kind: 'markers' | 'response' = 'markers',
): readonly CompiledCacheRule[] | null {
  const rules = all.filter((rule) => (rule.action.mode === 'cache') === (kind === 'response'))
  if (rules.length === 0) return null
  const compiled = rules.map((rule): CompiledCacheRule => {
    const { matchers, action } = rule
    const out: CompiledCacheRule = { id: rule.id, priority: rule.priority, mode: action.mode }
    if (action.ttl !== undefined) out.ttl = action.ttl
    if (matchers.model !== undefined) out.model = globToRegExp(matchers.model)
    if (matchers.vk_id !== undefined) out.vkId = matchers.vk_id
    if (matchers.vk_prefix !== undefined) out.vkPrefix = matchers.vk_prefix
    if (matchers.vk_tags !== undefined && matchers.vk_tags.length > 0) out.vkTags = matchers.vk_tags
    if (matchers.principal_id !== undefined) out.principalId = matchers.principal_id
    if (matchers.request_metadata !== undefined) out.metadata = Object.entries(matchers.request_metadata)
    return out
  })
  // Array.prototype.sort is stable: equal priorities keep their order.
  return compiled.sort((a, b) => b.priority - a.priority)
}
