// The auth cache's public types: what a resolver returns, what callers get, options and events.
import type { BundleClaims, GatewayKeyConfig, GetConfigResult } from '@gw/contract'

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

/** Options for `createAuthCache`. */
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
  /** Shape check run before any lookup; `null` disables it. Default: `isWellFormedVirtualKey`. */
  isWellFormed?: ((rawKey: string) => boolean) | null
  /** Clock in milliseconds. Default: `Date.now`. */
  now?: () => number
  /** Metrics hook; exceptions it throws are swallowed. */
  onEvent?: (event: AuthCacheEvent) => void
}

/** The auth cache. See `createAuthCache`. */
export interface AuthCache {
  /** Resolves a raw key, from cache when possible. Throws a GatewayError with a key code or `auth_upstream_unavailable`. */
  get(rawKey: string): Promise<CachedKey>
  /** Synchronous hit path: the entry when fresh and needing no background work, else undefined (call `get`). */
  peek(rawKey: string): CachedKey | undefined
  /**
   * {@link peek} for a caller that already holds `hashKey(rawKey)` of a key this cache answered
   * before (the gateway remembers it per connection: see its `authenticate` step).
   */
  peekHashed(keyHash: string): CachedKey | undefined
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
