// In-process cache of resolved virtual keys: bounded LRU, single-flight, stale-while-error, negative cache.
import type { BundleClaims, GatewayKeyConfig, GetConfigResult } from '@gw/contract'
import QuickLRU from 'quick-lru'
import { decideEntry, type EntryTiming, nextRetryAt, type PolicySettings } from './cache-policy.js'
import { clientAuthError, isAuthFailure, toClientAuthError } from './classify-resolve-error.js'
import { hashKey } from './hash-key.js'
import { SecondChanceMap } from './second-chance-map.js'
import { isWellFormedVirtualKey, parseVirtualKeyId } from './virtual-key-format.js'

/** What the injected resolver returns for a raw key: verified claims, the JWT and the config. */
export interface ResolvedEntry {
  claims: BundleClaims
  /** The bundle JWT the claims were verified from; null when a signed bootstrap page carried them. */
  jwt: string | null
  config: GatewayKeyConfig
  etag: string | null
}

/** A cached key as handed to callers. Immutable; replaced as a whole on refresh. */
export interface CachedKey extends Readonly<ResolvedEntry> {
  /** SHA-256 hex of the raw key. */
  readonly keyHash: string
}

/** Observable cache events, for metrics. */
export type AuthCacheEvent =
  | 'hit'
  | 'miss'
  | 'stale'
  | 'evict'
  | 'refresh'
  | 'refresh_error'
  | 'negative_hit'
  | 'malformed'

/** Options for {@link createAuthCache}. */
export interface AuthCacheOptions {
  /** Resolves a raw key (control-plane resolve-key + JWT verify + config). Errors are classified by `kind`/status. */
  resolve: (rawKey: string) => Promise<ResolvedEntry>
  /** Revalidates a cached config by ETag; without it configs live as long as their JWT. */
  revalidate?: (entry: ResolvedEntry) => Promise<GetConfigResult>
  /** Most keys held. Default: 50_000. */
  maxEntries?: number
  /** Proactive background refresh this long before JWT `exp`. Default: 60_000 ms. */
  refreshBeforeExpiryMs?: number
  /** Config ETag revalidation interval (needs `revalidate`). Default: 60_000 ms. */
  configRevalidateMs?: number
  /**
   * `LW_GATEWAY_AUTH_CACHE_HARD_GRACE`: how long past JWT `exp` a key may be served while the
   * control plane is unreachable. 0 disables stale-while-error. Default: 300_000 ms (5 min).
   */
  hardGraceMs?: number
  /** `LW_GATEWAY_AUTH_CACHE_SOFT_BUMP`: wait between refresh attempts during an outage. Default: 30_000 ms. */
  softBumpMs?: number
  /** How long a bad key's refusal is remembered. Default: 5_000 ms. */
  negativeTtlMs?: number
  /** Most refusals remembered. Default: 10_000. */
  maxNegativeEntries?: number
  /** Shape check run before any lookup; `null` disables it. Default: {@link isWellFormedVirtualKey}. */
  isWellFormed?: ((rawKey: string) => boolean) | null
  /** Clock in milliseconds. Default: `Date.now`. */
  now?: () => number
  /** Metrics hook; exceptions it throws are swallowed. */
  onEvent?: (event: AuthCacheEvent) => void
}

/** The auth cache. See {@link createAuthCache}. */
export interface AuthCache {
  /** Resolves a raw key, from cache when possible. Throws a GatewayError with a key code or `auth_upstream_unavailable`. */
  get(rawKey: string): Promise<CachedKey>
  /** Synchronous hit path: the entry when fresh and needing no background work, else undefined (call `get`). */
  peek(rawKey: string): CachedKey | undefined
  /**
   * Whether `get(rawKey)` would have to ask the resolver for a key it knows nothing about: well
   * formed, not cached in any state, not recently refused, no lookup in flight. Lets a caller
   * ration lookups of unknown keys without touching known ones.
   */
  needsLookup(rawKey: string): boolean
  /** Drops every cached form of a key id (change feed: revoked, rotated, config updated…). */
  evictByKeyId(vkId: string): number
  /** Drops every key of one organisation (a provider, budget or routing change there). */
  evictByOrganization(organizationId: string): number
  /**
   * Stores an entry resolved elsewhere (the bootstrap pull) under `keyHash` = `hashKey(raw)`.
   * Returns false, storing nothing, when the key is already cached, being resolved, or refused
   * recently: those come from a newer answer than a bulk snapshot. Never evicts to make room:
   * false as well when the cache is full.
   */
  prime(keyHash: string, entry: ResolvedEntry): boolean
  /** Drops everything, including remembered refusals. */
  evictAll(): void
  /** Keys currently cached. */
  readonly size: number
  /** Resolves when no lookup or refresh is in flight (tests, shutdown). */
  settle(): Promise<void>
}

interface CacheEntry {
  readonly value: CachedKey
  readonly timing: EntryTiming
}

interface NegativeEntry {
  readonly error: Error
  readonly untilMs: number
  /** The key id the refusal was for, when known, so a change to that key lifts it early. */
  readonly vkId: string | undefined
}

function positive(name: string, value: number, allowZero = false): number {
  if (!Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    throw new TypeError(
      `createAuthCache: ${name} must be a ${allowZero ? 'non-negative' : 'positive'} number`,
    )
  }
  return value
}

/**
 * Creates an auth cache. Fresh until the bundle JWT's `exp`; refreshed in the background shortly
 * before; one resolve in flight per key; stale-while-error past `exp` up to `hardGraceMs` when the
 * control plane is unreachable; bad keys evicted at once and their refusal remembered briefly.
 *
 * @example
 * const cache = createAuthCache({ resolve: async (raw) => resolveThroughControlPlane(raw) })
 * const key = cache.peek(raw) ?? (await cache.get(raw))
 */
export function createAuthCache(options: AuthCacheOptions): AuthCache {
  const now = options.now ?? Date.now
  const maxEntries = positive('maxEntries', options.maxEntries ?? 50_000)
  const hardGraceMs = positive('hardGraceMs', options.hardGraceMs ?? 300_000, true)
  const softBumpMs = positive('softBumpMs', options.softBumpMs ?? 30_000, true)
  const negativeTtlMs = positive('negativeTtlMs', options.negativeTtlMs ?? 5_000, true)
  const settings: PolicySettings = {
    refreshBeforeExpiryMs: positive('refreshBeforeExpiryMs', options.refreshBeforeExpiryMs ?? 60_000, true),
    configRevalidateMs:
      options.revalidate === undefined
        ? null
        : positive('configRevalidateMs', options.configRevalidateMs ?? 60_000),
  }
  const isWellFormed = options.isWellFormed === undefined ? isWellFormedVirtualKey : options.isWellFormed
  const onEvent = options.onEvent

  const emit = (event: AuthCacheEvent): void => {
    if (onEvent === undefined) return
    try {
      onEvent(event)
    } catch {
      // Metrics never fail a request.
    }
  }

  const byKeyId = new Map<string, Set<string>>()
  let count = 0
  const entries = new SecondChanceMap<string, CacheEntry>({
    maxSize: Math.ceil(maxEntries),
    onEviction: (hash, entry) => forget(hash, entry, true),
  })
  const negatives = new QuickLRU<string, NegativeEntry>({
    maxSize: Math.max(1, Math.ceil((options.maxNegativeEntries ?? 10_000) / 2)),
  })
  // Which key id a hash last resolved to, kept past eviction: a key refused after its entry was
  // evicted (disabled, say) is then still known by id, so re-enabling it lifts the refusal.
  const lastKeyIds = new QuickLRU<string, string>({ maxSize: Math.max(1, Math.ceil(maxEntries / 2)) })
  const inFlight = new Map<string, Promise<CacheEntry>>()
  const revalidating = new Set<string>()
  const background = new Set<Promise<unknown>>()
  let epoch = 0

  function forget(hash: string, entry: CacheEntry, evicted: boolean): void {
    count--
    const hashes = byKeyId.get(entry.value.claims.vk_id)
    hashes?.delete(hash)
    if (hashes?.size === 0) byKeyId.delete(entry.value.claims.vk_id)
    if (evicted) emit('evict')
  }

  function remove(hash: string): void {
    const entry = entries.peek(hash)
    if (entry === undefined) return
    entries.delete(hash)
    forget(hash, entry, true)
  }

  function store(hash: string, entry: CacheEntry): void {
    const previous = entries.peek(hash)
    if (previous !== undefined) {
      entries.delete(hash)
      forget(hash, previous, false)
    }
    entries.set(hash, entry)
    count++
    const vkId = entry.value.claims.vk_id
    lastKeyIds.set(hash, vkId)
    const hashes = byKeyId.get(vkId)
    if (hashes === undefined) byKeyId.set(vkId, new Set([hash]))
    else hashes.add(hash)
  }

  function refuse(hash: string, error: Error, rawKey?: string): Error {
    epoch++ // an answer still in flight for this key must not resurrect it
    const vkId =
      lastKeyIds.get(hash) ?? (rawKey === undefined ? undefined : (parseVirtualKeyId(rawKey) ?? undefined))
    remove(hash)
    if (negativeTtlMs > 0) negatives.set(hash, { error, untilMs: now() + negativeTtlMs, vkId })
    return error
  }

  function buildEntry(hash: string, resolved: ResolvedEntry, at: number): CacheEntry {
    const { claims } = resolved
    const jwtExpiresAtMs = claims.exp * 1000
    const expiries = [claims.vk_expires_at, resolved.config.expires_at].filter((value) => value !== null)
    return {
      value: { keyHash: hash, claims, jwt: resolved.jwt, config: resolved.config, etag: resolved.etag },
      timing: {
        jwtExpiresAtMs,
        keyExpiresAtMs: expiries.length === 0 ? null : Math.min(...expiries) * 1000,
        hardExpiresAtMs: jwtExpiresAtMs + hardGraceMs,
        configCheckedAtMs: at,
        retryAtMs: 0,
        failing: false,
      },
    }
  }

  function startResolve(rawKey: string): Promise<ResolvedEntry> {
    try {
      return options.resolve(rawKey)
    } catch (error) {
      return Promise.reject(error)
    }
  }

  // The one resolve per key. On an upstream failure it falls back to the cached entry while
  // stale serving is allowed (the caller decides whether that entry may still be served).
  function load(rawKey: string, hash: string): Promise<CacheEntry> {
    const running = inFlight.get(hash)
    if (running !== undefined) return running
    const startedEpoch = epoch
    const task = startResolve(rawKey)
      .then(
        (resolved) => {
          const entry = buildEntry(hash, resolved, now())
          // An eviction while resolving may mean this answer is already outdated: use, don't keep.
          if (epoch === startedEpoch) store(hash, entry)
          emit('refresh')
          return entry
        },
        (error: unknown) => {
          const authFailure = isAuthFailure(error)
          if (authFailure) throw refuse(hash, toClientAuthError(error, true), rawKey)
          emit('refresh_error')
          const at = now()
          const cached = entries.peek(hash)
          if (cached !== undefined && at < cached.timing.hardExpiresAtMs) {
            cached.timing.failing = true
            cached.timing.retryAtMs = nextRetryAt(at, softBumpMs, cached.timing.hardExpiresAtMs)
            return cached
          }
          remove(hash)
          throw toClientAuthError(error, false)
        },
      )
      .finally(() => inFlight.delete(hash))
    inFlight.set(hash, task)
    return task
  }

  function track(promise: Promise<unknown>): void {
    const settled = promise.then(
      () => undefined,
      () => undefined,
    )
    background.add(settled)
    void settled.then(() => background.delete(settled))
  }

  function revalidateInBackground(hash: string, entry: CacheEntry): void {
    const revalidate = options.revalidate
    if (revalidate === undefined || revalidating.has(hash) || inFlight.has(hash)) return
    revalidating.add(hash)
    const task = revalidate(entry.value).then(
      (result) => {
        entry.timing.configCheckedAtMs = now()
        if (result.notModified || entries.peek(hash) !== entry) return
        store(hash, buildEntry(hash, { ...entry.value, config: result.config, etag: result.etag }, now()))
      },
      (error: unknown) => {
        entry.timing.configCheckedAtMs = now()
        if (isAuthFailure(error) && entries.peek(hash) === entry) refuse(hash, toClientAuthError(error, true))
        else emit('refresh_error')
      },
    )
    track(task.finally(() => revalidating.delete(hash)))
  }

  async function getSlow(rawKey: string, hash: string): Promise<CachedKey> {
    const negative = negatives.get(hash)
    if (negative !== undefined) {
      if (now() < negative.untilMs) {
        emit('negative_hit')
        throw negative.error
      }
      negatives.delete(hash)
    }
    const existing = entries.peek(hash)
    if (existing === undefined) emit('miss')
    const entry = await load(rawKey, hash)
    const at = now()
    if (entry.timing.keyExpiresAtMs !== null && at >= entry.timing.keyExpiresAtMs) {
      throw refuse(hash, clientAuthError('virtual_key_expired'))
    }
    if (at >= entry.timing.jwtExpiresAtMs) emit('stale')
    return entry.value
  }

  // One shared instance: a flood of garbage keys should not cost a stack trace each.
  const malformedError = clientAuthError('invalid_api_key')

  return {
    async get(rawKey) {
      if (isWellFormed !== null && !isWellFormed(rawKey)) {
        emit('malformed')
        throw malformedError
      }
      const hash = hashKey(rawKey)
      const entry = entries.get(hash)
      if (entry === undefined) return getSlow(rawKey, hash)
      switch (decideEntry(entry.timing, now(), settings)) {
        case 'fresh':
          emit('hit')
          return entry.value
        case 'refresh':
          track(load(rawKey, hash))
          emit('hit')
          return entry.value
        case 'revalidate':
          revalidateInBackground(hash, entry)
          emit('hit')
          return entry.value
        case 'stale':
          emit('stale')
          return entry.value
        case 'stale_refresh':
          track(load(rawKey, hash))
          emit('stale')
          return entry.value
        case 'key_expired':
          throw refuse(hash, clientAuthError('virtual_key_expired'))
        case 'blocking':
          return getSlow(rawKey, hash)
      }
    },

    peek(rawKey) {
      if (isWellFormed !== null && !isWellFormed(rawKey)) return undefined
      const entry = entries.get(hashKey(rawKey))
      if (entry === undefined || decideEntry(entry.timing, now(), settings) !== 'fresh') return undefined
      emit('hit')
      return entry.value
    },

    needsLookup(rawKey) {
      if (isWellFormed !== null && !isWellFormed(rawKey)) return false
      const hash = hashKey(rawKey)
      if (entries.peek(hash) !== undefined || inFlight.has(hash)) return false
      const negative = negatives.peek(hash)
      return negative === undefined || now() >= negative.untilMs
    },

    evictByOrganization(organizationId) {
      epoch++
      const evicted: string[] = []
      for (const hash of entries.keys()) {
        if (entries.peek(hash)?.value.claims.org_id === organizationId) evicted.push(hash)
      }
      for (const hash of evicted) remove(hash)
      return evicted.length
    },

    prime(keyHash, resolved) {
      if (entries.peek(keyHash) !== undefined || inFlight.has(keyHash) || count >= maxEntries) return false
      const negative = negatives.peek(keyHash)
      if (negative !== undefined && now() < negative.untilMs) return false
      store(keyHash, buildEntry(keyHash, resolved, now()))
      return true
    },

    evictByKeyId(vkId) {
      epoch++
      // A refusal remembered for this key (disabled, say) must not outlive its re-enabling.
      const lifted: string[] = []
      for (const [hash, negative] of negatives) if (negative.vkId === vkId) lifted.push(hash)
      for (const hash of lifted) negatives.delete(hash)
      const hashes = byKeyId.get(vkId)
      if (hashes === undefined) return 0
      const evicted = [...hashes]
      for (const hash of evicted) remove(hash)
      return evicted.length
    },

    evictAll() {
      epoch++
      for (const hash of [...entries.keys()]) remove(hash)
      negatives.clear()
      lastKeyIds.clear()
    },

    get size() {
      return count
    },

    async settle() {
      while (inFlight.size > 0 || background.size > 0) {
        await Promise.allSettled([...inFlight.values(), ...background])
      }
    },
  }
}
