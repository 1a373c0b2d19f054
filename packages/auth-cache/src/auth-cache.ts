// In-process cache of resolved virtual keys: bounded, single-flight, stale-while-error, with refusals remembered.
import { decideEntry, nextRetryAt, type PolicySettings } from './cache-policy.js'
import { clientAuthError, isAuthFailure, toClientAuthError } from './classify-resolve-error.js'
import { hashKey } from './hash-key.js'
import { type CacheEntry, KeyIndex } from './key-index.js'
import { NegativeCache } from './negative-cache.js'
import type { AuthCache, AuthCacheEvent, AuthCacheOptions, CachedKey, ResolvedEntry } from './types.js'
import { isWellFormedVirtualKey, parseVirtualKeyId } from './virtual-key-format.js'

export type { AuthCache, AuthCacheEvent, AuthCacheOptions, CachedKey, ResolvedEntry } from './types.js'

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
  return new VirtualKeyCache(options)
}

// One shared instance: a flood of garbage keys should not cost a stack trace each.
const malformedError = clientAuthError('invalid_api_key')

class VirtualKeyCache implements AuthCache {
  readonly #options: AuthCacheOptions
  readonly #now: () => number
  readonly #maxEntries: number
  readonly #hardGraceMs: number
  readonly #softBumpMs: number
  readonly #settings: PolicySettings
  readonly #isWellFormed: ((rawKey: string) => boolean) | null
  readonly #keys: KeyIndex
  readonly #refusals: NegativeCache
  readonly #inFlight = new Map<string, Promise<CacheEntry>>()
  readonly #revalidating = new Set<string>()
  readonly #background = new Set<Promise<unknown>>()
  /** Bumped by every eviction: an answer that started before one is used but not kept. */
  #epoch = 0

  constructor(options: AuthCacheOptions) {
    this.#options = options
    this.#now = options.now ?? Date.now
    this.#maxEntries = positive('maxEntries', options.maxEntries ?? 50_000)
    this.#hardGraceMs = positive('hardGraceMs', options.hardGraceMs ?? 300_000, true)
    this.#softBumpMs = positive('softBumpMs', options.softBumpMs ?? 30_000, true)
    this.#settings = {
      refreshBeforeExpiryMs: positive('refreshBeforeExpiryMs', options.refreshBeforeExpiryMs ?? 60_000, true),
      configRevalidateMs:
        options.revalidate === undefined
          ? null
          : positive('configRevalidateMs', options.configRevalidateMs ?? 60_000),
    }
    this.#isWellFormed = options.isWellFormed === undefined ? isWellFormedVirtualKey : options.isWellFormed
    this.#keys = new KeyIndex(this.#maxEntries, () => this.#emit('evict'))
    this.#refusals = new NegativeCache({
      ttlMs: positive('negativeTtlMs', options.negativeTtlMs ?? 5_000, true),
      maxEntries: options.maxNegativeEntries ?? 10_000,
      now: this.#now,
    })
  }

  get size(): number {
    return this.#keys.size
  }

  async get(rawKey: string): Promise<CachedKey> {
    if (this.#isWellFormed !== null && !this.#isWellFormed(rawKey)) {
      this.#emit('malformed')
      throw malformedError
    }
    const hash = hashKey(rawKey)
    const entry = this.#keys.get(hash)
    if (entry === undefined) return this.#getSlow(rawKey, hash)
    switch (decideEntry(entry.timing, this.#now(), this.#settings)) {
      case 'fresh':
        this.#emit('hit')
        return entry.value
      case 'refresh':
        this.#track(this.#load(rawKey, hash))
        this.#emit('hit')
        return entry.value
      case 'revalidate':
        this.#revalidateInBackground(hash, entry)
        this.#emit('hit')
        return entry.value
      case 'stale':
        this.#emit('stale')
        return entry.value
      case 'stale_refresh':
        this.#track(this.#load(rawKey, hash))
        this.#emit('stale')
        return entry.value
      case 'key_expired':
        throw this.#refuse(hash, clientAuthError('virtual_key_expired'))
      case 'blocking':
        return this.#getSlow(rawKey, hash)
    }
  }

  peek(rawKey: string): CachedKey | undefined {
    if (this.#isWellFormed !== null && !this.#isWellFormed(rawKey)) return undefined
    return this.peekHashed(hashKey(rawKey))
  }

  peekHashed(keyHash: string): CachedKey | undefined {
    const entry = this.#keys.get(keyHash)
    if (entry === undefined || decideEntry(entry.timing, this.#now(), this.#settings) !== 'fresh')
      return undefined
    this.#emit('hit')
    return entry.value
  }

  needsLookup(rawKey: string): boolean {
    if (this.#isWellFormed !== null && !this.#isWellFormed(rawKey)) return false
    const hash = hashKey(rawKey)
    if (this.#keys.peek(hash) !== undefined || this.#inFlight.has(hash)) return false
    return !this.#refusals.holds(hash)
  }

  evictByKeyId(vkId: string): number {
    this.#epoch++
    // A refusal remembered for this key (disabled, say) must not outlive its re-enabling.
    this.#refusals.liftKeyId(vkId)
    return this.#keys.removeKeyId(vkId)
  }

  evictByOrganization(organizationId: string): number {
    this.#epoch++
    return this.#keys.removeOrganization(organizationId)
  }

  prime(keyHash: string, resolved: ResolvedEntry): boolean {
    if (this.#keys.peek(keyHash) !== undefined || this.#inFlight.has(keyHash)) return false
    if (this.#keys.size >= this.#maxEntries || this.#refusals.holds(keyHash)) return false
    this.#keys.store(keyHash, this.#buildEntry(keyHash, resolved, this.#now()))
    return true
  }

  evictAll(): void {
    this.#epoch++
    this.#keys.clear()
    this.#refusals.clear()
  }

  async settle(): Promise<void> {
    while (this.#inFlight.size > 0 || this.#background.size > 0) {
      await Promise.allSettled([...this.#inFlight.values(), ...this.#background])
    }
  }

  #emit(event: AuthCacheEvent): void {
    const onEvent = this.#options.onEvent
    if (onEvent === undefined) return
    try {
      onEvent(event)
    } catch {
      // Metrics never fail a request.
    }
  }

  #refuse(hash: string, error: Error, rawKey?: string): Error {
    this.#epoch++ // an answer still in flight for this key must not resurrect it
    const vkId =
      this.#keys.lastKeyIdOf(hash) ??
      (rawKey === undefined ? undefined : (parseVirtualKeyId(rawKey) ?? undefined))
    this.#keys.remove(hash)
    this.#refusals.remember(hash, error, vkId)
    return error
  }

  #buildEntry(hash: string, resolved: ResolvedEntry, at: number): CacheEntry {
    const { claims } = resolved
    const jwtExpiresAtMs = claims.exp * 1000
    const expiries = [claims.vk_expires_at, resolved.config.expires_at].filter((value) => value !== null)
    return {
      value: { keyHash: hash, claims, jwt: resolved.jwt, config: resolved.config, etag: resolved.etag },
      timing: {
        jwtExpiresAtMs,
        keyExpiresAtMs: expiries.length === 0 ? null : Math.min(...expiries) * 1000,
        hardExpiresAtMs: jwtExpiresAtMs + this.#hardGraceMs,
        configCheckedAtMs: at,
        retryAtMs: 0,
        failing: false,
      },
    }
  }

  #startResolve(rawKey: string): Promise<ResolvedEntry> {
    try {
      return this.#options.resolve(rawKey)
    } catch (error) {
      return Promise.reject(error)
    }
  }

  // The one resolve per key. On an upstream failure it falls back to the cached entry while
  // stale serving is allowed (the caller decides whether that entry may still be served).
  #load(rawKey: string, hash: string): Promise<CacheEntry> {
    const running = this.#inFlight.get(hash)
    if (running !== undefined) return running
    const startedEpoch = this.#epoch
    const task = this.#startResolve(rawKey)
      .then(
        (resolved) => {
          const entry = this.#buildEntry(hash, resolved, this.#now())
          // An eviction while resolving may mean this answer is already outdated: use, don't keep.
          if (this.#epoch === startedEpoch) this.#keys.store(hash, entry)
          this.#emit('refresh')
          return entry
        },
        (error: unknown) => {
          if (isAuthFailure(error)) throw this.#refuse(hash, toClientAuthError(error, true), rawKey)
          this.#emit('refresh_error')
          const at = this.#now()
          const cached = this.#keys.peek(hash)
          if (cached !== undefined && at < cached.timing.hardExpiresAtMs) {
            cached.timing.failing = true
            cached.timing.retryAtMs = nextRetryAt(at, this.#softBumpMs, cached.timing.hardExpiresAtMs)
            return cached
          }
          this.#keys.remove(hash)
          throw toClientAuthError(error, false)
        },
      )
      .finally(() => this.#inFlight.delete(hash))
    this.#inFlight.set(hash, task)
    return task
  }

  #track(promise: Promise<unknown>): void {
    const settled = promise.then(
      () => undefined,
      () => undefined,
    )
    this.#background.add(settled)
    void settled.then(() => this.#background.delete(settled))
  }

  #revalidateInBackground(hash: string, entry: CacheEntry): void {
    const revalidate = this.#options.revalidate
    if (revalidate === undefined || this.#revalidating.has(hash) || this.#inFlight.has(hash)) return
    this.#revalidating.add(hash)
    const task = revalidate(entry.value).then(
      (result) => {
        entry.timing.configCheckedAtMs = this.#now()
        if (result.notModified || this.#keys.peek(hash) !== entry) return
        this.#keys.store(
          hash,
          this.#buildEntry(hash, { ...entry.value, config: result.config, etag: result.etag }, this.#now()),
        )
      },
      (error: unknown) => {
        entry.timing.configCheckedAtMs = this.#now()
        if (isAuthFailure(error) && this.#keys.peek(hash) === entry)
          this.#refuse(hash, toClientAuthError(error, true))
        else this.#emit('refresh_error')
      },
    )
    this.#track(task.finally(() => this.#revalidating.delete(hash)))
  }

  async #getSlow(rawKey: string, hash: string): Promise<CachedKey> {
    const refused = this.#refusals.find(hash)
    if (refused !== undefined) {
      this.#emit('negative_hit')
      throw refused
    }
    if (this.#keys.peek(hash) === undefined) this.#emit('miss')
    const entry = await this.#load(rawKey, hash)
    const at = this.#now()
    if (entry.timing.keyExpiresAtMs !== null && at >= entry.timing.keyExpiresAtMs) {
      throw this.#refuse(hash, clientAuthError('virtual_key_expired'))
    }
    if (at >= entry.timing.jwtExpiresAtMs) this.#emit('stale')
    return entry.value
  }
}
