// Step "cache control": X-LangWatch-Cache and cache_rules decide respect | force | disable of cache_control markers.
import type { IncomingHttpHeaders } from 'node:http'
import type { CachedKey } from '@gw/auth-cache'
import type { CacheMode } from '@gw/contract'
import {
  forceCacheControl,
  governanceOf,
  parseCacheHeader,
  resolveCacheMode,
  stripCacheControl,
} from '@gw/guardrails'
import type { ClientApi, RoutePlan } from '@gw/providers'
import type { RequestBody } from './request-state.js'

/** Parses `X-LangWatch-Metadata` (a JSON object) for rule matchers; undefined when absent or not one. */
export function parseMetadata(header: string | string[] | undefined): Record<string, unknown> | undefined {
  if (typeof header !== 'string') return undefined
  try {
    const value: unknown = JSON.parse(header)
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}

/** True when the primary candidate reads Anthropic `cache_control` markers (Claude on Anthropic, Bedrock, Vertex). */
function honoursMarkers(plan: RoutePlan): boolean {
  const primary = plan.candidates[0]
  if (primary === undefined) return false
  const type = primary.provider.type
  return (
    type === 'anthropic' || ((type === 'bedrock' || type === 'vertex') && primary.model.includes('claude'))
  )
}

/**
 * Decides the cache mode (header, else the best cache rule, else the key's `cache.mode`, else
 * `respect`) and applies it to the
 * body: `disable` strips every `cache_control`; `force` marks the last system block, last tool and
 * last user block `ephemeral` on an Anthropic Messages body bound for Claude (elsewhere nothing
 * changes, reported as `respect`). The body is re-serialised only when it changed. Returns the
 * mode for `X-LangWatch-Cache-Mode`, or undefined when the key has no cache rules and the
 * request no header (nothing to report, nothing paid).
 *
 * @example
 * const cacheMode = applyCacheControl({ api, key, body, plan, headers: incoming.headers })
 */
export function applyCacheControl(input: {
  api: ClientApi
  key: CachedKey
  body: RequestBody
  plan: RoutePlan
  headers: IncomingHttpHeaders
}): CacheMode | undefined {
  const { key, body, plan, headers } = input
  const header = headers['x-langwatch-cache']
  const rules = governanceOf(key.config)?.cacheRules ?? null
  const keyDefault = key.config.cache
  if (header === undefined && rules === null && keyDefault === undefined) return undefined
  const primary = plan.candidates[0]
  const decision = resolveCacheMode(
    parseCacheHeader(Array.isArray(header) ? header[0] : header),
    rules,
    {
      vkId: key.claims.vk_id,
      vkPrefix: key.config.display_prefix,
      vkTags: key.config.vk_tags,
      principalId: key.claims.principal_id ?? null,
      models:
        primary === undefined
          ? [plan.requestedModel]
          : [plan.requestedModel, primary.model, `${primary.provider.type}/${primary.model}`],
      metadata: parseMetadata(headers['x-langwatch-metadata']),
    },
    keyDefault,
  )
  if (decision.mode === 'respect') return 'respect'
  if (decision.mode === 'disable') {
    if (stripCacheControl(body.parsed)) body.raw = Buffer.from(JSON.stringify(body.parsed))
    return 'disable'
  }
  if (input.api !== 'anthropic-messages' || !honoursMarkers(plan)) return 'respect'
  if (forceCacheControl(body.parsed, decision.ttl)) body.raw = Buffer.from(JSON.stringify(body.parsed))
  return 'force'
}
