// Pure freshness policy of one cached key: what a lookup at time `now` may do with it.

/** Timing state of a cached key (all instants in epoch milliseconds). */
export interface EntryTiming {
  /** JWT `exp`: fresh until then. */
  jwtExpiresAtMs: number
  /** Key expiry (`vk_expires_at`), or null. Past it the key is refused without a round trip. */
  keyExpiresAtMs: number | null
  /** `jwtExpiresAtMs + hardGrace`: stale serving never goes past this. */
  hardExpiresAtMs: number
  /** When the config was last fetched or revalidated. */
  configCheckedAtMs: number
  /** No refresh is attempted before this (soft expiry during an outage, backoff after a failure). */
  retryAtMs: number
  /** The last refresh failed for transport reasons (control plane unreachable). */
  failing: boolean
}

/** Timing settings the policy reads. */
export interface PolicySettings {
  refreshBeforeExpiryMs: number
  /** `null` when no revalidator is configured. */
  configRevalidateMs: number | null
}

/**
 * - `fresh`: serve.
 * - `refresh`: serve, and refresh in the background (JWT close to exp).
 * - `revalidate`: serve, and revalidate the config (ETag) in the background.
 * - `stale`: past exp during an outage, within the soft window: serve without trying.
 * - `stale_refresh`: past the soft window but within hard grace: serve and retry in the background.
 * - `blocking`: past exp with no known outage, or past hard grace: the caller must wait for a refresh.
 * - `key_expired`: the key itself expired: refuse.
 */
export type EntryDecision =
  | 'fresh'
  | 'refresh'
  | 'revalidate'
  | 'stale'
  | 'stale_refresh'
  | 'blocking'
  | 'key_expired'

/**
 * Decides what a lookup may do with a cached key at `now`.
 *
 * @example
 * decideEntry(entry.timing, clock(), { refreshBeforeExpiryMs: 60_000, configRevalidateMs: 60_000 })
 */
export function decideEntry(timing: EntryTiming, now: number, settings: PolicySettings): EntryDecision {
  if (timing.keyExpiresAtMs !== null && now >= timing.keyExpiresAtMs) return 'key_expired'
  if (now < timing.jwtExpiresAtMs) {
    if (now < timing.retryAtMs) return 'fresh'
    if (now >= timing.jwtExpiresAtMs - settings.refreshBeforeExpiryMs) return 'refresh'
    if (
      settings.configRevalidateMs !== null &&
      now - timing.configCheckedAtMs >= settings.configRevalidateMs
    ) {
      return 'revalidate'
    }
    return 'fresh'
  }
  if (timing.failing && now < timing.hardExpiresAtMs)
    return now < timing.retryAtMs ? 'stale' : 'stale_refresh'
  return 'blocking'
}

/**
 * The soft expiry after a failed refresh at `now`: `now + softBump`, never past the hard cap.
 *
 * @example
 * entry.retryAtMs = nextRetryAt(now, 30_000, entry.hardExpiresAtMs)
 */
export function nextRetryAt(now: number, softBumpMs: number, hardExpiresAtMs: number): number {
  return Math.min(now + softBumpMs, Math.max(hardExpiresAtMs, now))
}
