// Step "response cache": answers from the exact-match cache before dispatch, or captures the answer to store.
import type { CacheRule } from '@gw/contract'
import { type CompiledCacheRule, compileCacheRules, resolveCacheMode } from '@gw/guardrails'
import type { ClientApi, ForwardResult, ResponseSink } from '@gw/providers'
import {
  computeCacheKey,
  parseResponseCacheHeader,
  ResponseCapture,
  replayResponse,
} from '@gw/response-cache'
import type { ResponseCacheService } from '../response-cache/create-response-cache.js'
import { parseMetadata } from './cache-control.js'
import type { RequestState } from './request-state.js'

type CachedWire = 'openai-chat' | 'openai-responses' | 'anthropic-messages'

const cachedWires: Partial<Record<ClientApi, CachedWire>> = {
  'openai-chat': 'openai-chat',
  'openai-responses': 'openai-responses',
  'anthropic-messages': 'anthropic-messages',
}

// Config objects are replaced, never mutated, on a config change: compiled once per revision.
const compiled = new WeakMap<readonly CacheRule[], readonly CompiledCacheRule[] | null>()

function responseRulesOf(rules: readonly CacheRule[]): readonly CompiledCacheRule[] | null {
  let found = compiled.get(rules)
  if (found === undefined) {
    found = compileCacheRules(rules, 'response')
    compiled.set(rules, found)
  }
  return found
}

/** What the route does with the cache for one request. */
export interface ResponseCacheLookup {
  /** A hit: the answer was replayed to the sink; this is its result (no dispatch). */
  hit: ForwardResult | undefined
  /** A miss to store: dispatch writes to this sink. */
  capture: ResponseCapture | undefined
  /** Stores the captured answer when it may be cached (2xx, complete). Never throws. */
  keep(result: ForwardResult): void
}

interface Applied {
  ttlMs: number
  salt: string | undefined
  directive: 'use' | 'refresh'
}

/** Whether and how the cache applies: the header, else the best matching rule of mode `cache`. */
function decide(state: RequestState, cache: ResponseCacheService): Applied | undefined {
  const key = state.key!
  const headers = state.incoming.headers
  const header = headers['x-langwatch-response-cache']
  const rules = key.config.cache_rules
  // A key without cache rules and a request without the header pay this line only.
  if (header === undefined && rules.length === 0) return undefined
  const directive = parseResponseCacheHeader(header)
  if (directive === 'bypass') {
    cache.count('bypass')
    return undefined
  }
  const compiledRules = responseRulesOf(rules)
  let ttlS: number | undefined
  let salt: string | undefined
  let ruled = false
  if (compiledRules !== null) {
    const plan = state.plan!
    const primary = plan.candidates[0]
    const decision = resolveCacheMode(undefined, compiledRules, {
      vkId: key.claims.vk_id,
      vkPrefix: key.config.display_prefix,
      vkTags: key.config.vk_tags,
      principalId: key.claims.principal_id ?? null,
      models:
        primary === undefined
          ? [plan.requestedModel]
          : [plan.requestedModel, primary.model, `${primary.provider.type}/${primary.model}`],
      metadata: parseMetadata(headers['x-langwatch-metadata']),
    })
    if (decision.source === 'rule') {
      ruled = true
      ttlS = decision.ttl
      salt = rules.find((rule) => rule.id === decision.ruleId)?.action.salt
    }
  }
  if (directive === undefined && !ruled) return undefined
  const ttlMs = Math.min(ttlS === undefined ? cache.defaultTtlMs : ttlS * 1000, cache.maxTtlMs)
  return { ttlMs, salt, directive: directive ?? 'use' }
}

/**
 * Looks the request up in the response cache, after the guardrails on the request and right
 * before dispatch. Off (undefined, not even a promise; nothing hashed, the body never read)
 * unless the key has a cache rule of mode `cache` matching the request, or the request says
 * `X-LangWatch-Response-Cache: use|refresh` (`bypass` turns a rule off). On a hit the stored
 * answer is replayed to `sink` (so guardrails on the response still run) with
 * `X-LangWatch-Response-Cache: hit` and `Age`; its result costs nothing and says `cacheHit`. On a
 * miss dispatch writes through a capture (`X-LangWatch-Response-Cache: miss`, or `refresh`) and
 * `keep` stores what may be stored: complete 2xx answers only, as the provider sent them, before
 * any guardrail on the response touched them. Each lookup counts one `hit`, `miss` or `refresh`
 * (a `bypass` header counts `bypass`); a request the cache does not apply to counts nothing.
 * Throws 400 `bad_request` on a bad header value.
 *
 * @example
 * const pending = lookupResponseCache(services.responseCache, { state, sink: governed ?? sink })
 * const cached = pending && (await pending)
 * state.result = cached?.hit ?? (await dispatch(providers, { …, sink: cached?.capture ?? governed ?? sink }))
 * cached?.keep(state.result)
 */
export function lookupResponseCache(
  cache: ResponseCacheService,
  input: { state: RequestState; sink: ResponseSink },
): Promise<ResponseCacheLookup> | undefined {
  const wire = cachedWires[input.state.api]
  if (wire === undefined) return undefined
  const applied = decide(input.state, cache)
  // Off: no promise either, so the route does not even await.
  return applied === undefined ? undefined : lookUp(cache, input, wire, applied)
}

async function lookUp(
  cache: ResponseCacheService,
  input: { state: RequestState; sink: ResponseSink },
  wire: CachedWire,
  applied: Applied,
): Promise<ResponseCacheLookup> {
  const { state, sink } = input
  const key = state.key!
  const plan = state.plan!
  const parsed = state.body!.parsed
  const primary = plan.candidates[0]
  const hash = computeCacheKey({
    wire,
    body: parsed,
    scope: key.claims.project_id ?? `vk:${key.claims.vk_id}`,
    model:
      primary === undefined
        ? plan.requestedModel
        : `${plan.requestedModel}>${primary.provider.type}/${primary.model}`,
    ...(applied.salt === undefined ? {} : { salt: applied.salt }),
  })
  const options = parsed.stream_options
  const includeUsage =
    typeof options === 'object' &&
    options !== null &&
    (options as Record<string, unknown>).include_usage === true
  if (applied.directive === 'use') {
    const entry = await cache.store.get(hash)
    if (entry !== undefined) {
      const requestId = state.context.requestId
      const age = Math.max(0, Math.floor((cache.now() - entry.meta.storedAtMs) / 1000))
      const headers = ['x-request-id', requestId, 'cache-control', 'no-store']
      if (wire === 'anthropic-messages') headers.push('request-id', requestId)
      headers.push('x-langwatch-response-cache', 'hit', 'age', String(age))
      const outcome = await replayResponse(entry, {
        wire,
        sink,
        headers,
        includeUsage,
        requestModel: plan.requestedModel,
      })
      const hit: ForwardResult = {
        status: entry.meta.status,
        providerId: entry.meta.providerId,
        model: entry.meta.model,
        attempts: 0,
        fallbackCount: 0,
        records: [],
        usage: undefined,
        costMicroUsd: 0,
        streamed: entry.meta.events !== undefined,
        clientAborted: outcome.clientAborted,
        streamError: undefined,
        cacheHit: true,
      }
      cache.count('hit')
      return { hit, capture: undefined, keep: () => {} }
    }
  }
  cache.count(applied.directive === 'refresh' ? 'refresh' : 'miss')
  const capture = new ResponseCapture(sink, {
    wire,
    label: applied.directive === 'refresh' ? 'refresh' : 'miss',
    maxEntryBytes: cache.maxEntryBytes,
    includeUsage,
    now: cache.now,
  })
  return {
    hit: undefined,
    capture,
    keep(result) {
      const entry = capture.toEntry(result)
      if (entry !== undefined) void cache.store.set(hash, entry, applied.ttlMs)
    },
  }
}
