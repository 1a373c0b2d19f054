// Sticky sessions: session key → credential id, in a bounded LRU whose entries expire.

/** Options of {@link createStickySessions}. */
export interface StickySessionsOptions {
  /** Sessions remembered at most; the least recently used goes first. Default 100 000 (`GATEWAY_ROUTING_STICKY_MAX_SESSIONS`). */
  maxEntries?: number
  /** A session unused this long is forgotten. Default 3 600 000 ms (`GATEWAY_ROUTING_STICKY_TTL`). */
  ttlMs?: number
  /** Clock in ms. Default `Date.now`. */
  now?: () => number
}

/** The session → credential memory. */
export interface StickySessions {
  /** The credential of a live session (and marks it used), or undefined. */
  get(sessionKey: string): string | undefined
  set(sessionKey: string, providerId: string): void
  readonly size: number
}

interface Pin {
  providerId: string
  usedAt: number
}

/**
 * Creates the sticky-session memory. A Map keeps insertion order, so re-inserting on use makes
 * its first entry the least recently used one: eviction is O(1).
 *
 * @example
 * const sticky = createStickySessions({ maxEntries: 10_000, ttlMs: 600_000 })
 * sticky.set('vk_1\nsession-42', 'openai-eu')
 * sticky.get('vk_1\nsession-42') // → 'openai-eu'
 */
export function createStickySessions(options: StickySessionsOptions = {}): StickySessions {
  const maxEntries = options.maxEntries ?? 100_000
  const ttlMs = options.ttlMs ?? 3_600_000
  const now = options.now ?? Date.now
  const pins = new Map<string, Pin>()
  return {
    get(sessionKey) {
      const pin = pins.get(sessionKey)
      if (pin === undefined) return undefined
      const at = now()
      pins.delete(sessionKey)
      if (at - pin.usedAt > ttlMs) return undefined
      pin.usedAt = at
      pins.set(sessionKey, pin)
      return pin.providerId
    },
    set(sessionKey, providerId) {
      pins.delete(sessionKey)
      if (pins.size >= maxEntries) {
        const oldest = pins.keys().next()
        if (oldest.done !== true) pins.delete(oldest.value)
      }
      pins.set(sessionKey, { providerId, usedAt: now() })
    },
    get size() {
      return pins.size
    },
  }
}
