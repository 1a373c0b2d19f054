// Decides a request's cache mode: the X-LangWatch-Cache header, else the best matching cache rule, else respect.
import { type CacheMode, type CacheRuleMode, cacheModes, GatewayError } from '@gw/contract'
import type { CompiledCacheRule } from './compile-cache-rules.js'

/** What a cache rule can match on. */
export interface CacheRequestFacts {
  vkId: string
  vkPrefix: string
  vkTags: readonly string[]
  principalId: string | null
  /** The requested and resolved model names; a model matcher matches either. */
  models: readonly string[]
  /** Parsed `X-LangWatch-Metadata`, or undefined when absent. */
  metadata: Readonly<Record<string, unknown>> | undefined
}

/** The decided mode and where it came from. */
export interface CacheDecision {
  mode: CacheRuleMode
  source: 'header' | 'rule' | 'key' | 'default'
  ruleId?: string
  ttl?: number
}

function matches(rule: CompiledCacheRule, facts: CacheRequestFacts): boolean {
  if (rule.vkId !== undefined && rule.vkId !== facts.vkId) return false
  if (rule.vkPrefix !== undefined && !facts.vkPrefix.startsWith(rule.vkPrefix)) return false
  if (rule.principalId !== undefined && rule.principalId !== facts.principalId) return false
  if (rule.vkTags !== undefined && !rule.vkTags.every((tag) => facts.vkTags.includes(tag))) return false
  if (rule.model !== undefined && !facts.models.some((model) => rule.model!.test(model))) return false
  if (rule.metadata !== undefined) {
    const metadata = facts.metadata
    if (metadata === undefined) return false
    for (const [name, value] of rule.metadata) if (String(metadata[name]) !== value) return false
  }
  return true
}

/**
 * Parses the `X-LangWatch-Cache` header; throws 400 `bad_request` naming the accepted values.
 *
 * @example
 * parseCacheHeader('disable') // → 'disable'
 */
export function parseCacheHeader(value: string | undefined): CacheMode | undefined {
  if (value === undefined) return undefined
  const mode = value.trim().toLowerCase()
  if ((cacheModes as readonly string[]).includes(mode)) return mode as CacheMode
  throw new GatewayError(
    'bad_request',
    `X-LangWatch-Cache must be one of ${cacheModes.join(', ')}, got "${value}"`,
    {
      meta: { param: 'X-LangWatch-Cache' },
    },
  )
}

/**
 * The request header wins (it is the caller's explicit, per-request choice); otherwise the
 * matching rule of highest priority (ties: first in config order); otherwise the key config's
 * own `cache` mode; otherwise `respect`.
 *
 * @example
 * resolveCacheMode('force', rules, facts) // → { mode: 'force', source: 'header' }
 */
export function resolveCacheMode(
  header: CacheMode | undefined,
  rules: readonly CompiledCacheRule[] | null,
  facts: CacheRequestFacts,
  keyDefault?: { mode: CacheMode; ttl_s?: number | undefined },
): CacheDecision {
  if (header !== undefined) return { mode: header, source: 'header' }
  if (rules !== null) {
    for (const rule of rules) {
      if (!matches(rule, facts)) continue
      const decision: CacheDecision = { mode: rule.mode, source: 'rule', ruleId: rule.id }
      if (rule.ttl !== undefined) decision.ttl = rule.ttl
      return decision
    }
  }
  if (keyDefault !== undefined) {
    const decision: CacheDecision = { mode: keyDefault.mode, source: 'key' }
    if (keyDefault.ttl_s !== undefined) decision.ttl = keyDefault.ttl_s
    return decision
  }
  return { mode: 'respect', source: 'default' }
}
