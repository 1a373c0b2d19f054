// Sticky sessions: session key → credential id, in a bounded LRU whose entries expire.

/** Options of {@link createStickySessions}. */
export interface StickySessionsOptions {
  /** Sessions remembered at most; the least recently used goes first. Default 100 000 (`GATEWAY_ROUTING_STICKY_MAX_SESSIONS`). */
  maxEntries?: number
  /** A session unused this long is forgotten. Default 3 600 000 ms (`GATEWAY_ROUTING_STICKY_TTL`). */
  ttlMs?: number
}

/** The session → credential memory; `at` is the caller's clock in ms (read once per request). */
export interface StickySessions {
  /** The credential of a live session (and marks it used), or undefined. */
  get(sessionKey: string, at: number): string | undefined
  set(sessionKey: string, providerId: string, at: number): void
  readonly size: number
}

interface Pin {
  providerId: string
  usedAt: number
  /** When the entry last moved to the young end of the Map. */
  movedAt: number
}

/**
 * Creates the sticky-session memory. A Map keeps insertion order, so re-inserting on use makes
 * its first entry the least recently used one (to a tenth of the TTL): eviction is O(1).
 *
 * @example
 * const sticky = createStickySessions({ maxEntries: 10_000, ttlMs: 600_000 })
 * sticky.set('vk_1\nsession-42', 'openai-eu', performance.now())
 * sticky.get('vk_1\nsession-42', performance.now()) // → 'openai-eu'
 */
export function createStickySessions(options: StickySessionsOptions = {}): StickySessions {
  const maxEntries = options.maxEntries ?? 100_000
  const ttlMs = options.ttlMs ?? 3_600_000
  const refreshMs = ttlMs / 10
  const pins = new Map<string, Pin>()
  return {
    get(sessionKey, at) {
      const pin = pins.get(sessionKey)
      if (pin === undefined) return undefined
      if (at - pin.usedAt > ttlMs) {
        pins.delete(sessionKey)
        return undefined
      }
      // Moving an entry to the young end costs a delete and an insert: do it at most once per
      // tenth of the TTL, so a busy session costs one lookup (eviction order stays within 10 %).
      if (at - pin.movedAt > refreshMs) {
        pins.delete(sessionKey)
        pins.set(sessionKey, pin)
        pin.movedAt = at
      }
      pin.usedAt = at
      return pin.providerId
    },
    set(sessionKey, providerId, at) {
      pins.delete(sessionKey)
      if (pins.size >= maxEntries) {
        const oldest = pins.keys().next()
        if (oldest.done !== true) pins.delete(oldest.value)
      }
      pins.set(sessionKey, { providerId, usedAt: at, movedAt: at })
    },
    get size() {
      return pins.size
    },
  }
}
