// In-process response store: least recently used entries go first once the byte bound is reached.
import { type CachedResponse, sizeOfEntry } from './cached-response.js'
import type { ResponseStore } from './response-store.js'

/** Options of {@link createMemoryResponseStore}. */
export interface MemoryResponseStoreOptions {
  /** Bound on the bytes of all entries (GATEWAY_RESPONSE_CACHE_MAX_BYTES). */
  maxBytes: number
  /** Clock in ms. Default `Date.now`. */
  now?: () => number
}

interface Slot {
  entry: CachedResponse
  bytes: number
  expiresAtMs: number
}

/** A {@link ResponseStore} in this process, with its occupancy for metrics and tests. */
export interface MemoryResponseStore extends ResponseStore {
  get(key: string): CachedResponse | undefined
  set(key: string, entry: CachedResponse, ttlMs: number): void
  readonly bytes: number
  readonly size: number
}

/**
 * Creates the in-process store. A `Map` keeps recency order (a hit moves the entry to the end);
 * inserting evicts from the front until the total fits `maxBytes`. An entry larger than the whole
 * bound is not stored. Expired entries are dropped when read or when they reach the front.
 *
 * @example
 * const store = createMemoryResponseStore({ maxBytes: 64 * 1024 * 1024 })
 * store.set(key, entry, 60_000)
 */
export function createMemoryResponseStore(options: MemoryResponseStoreOptions): MemoryResponseStore {
  const now = options.now ?? Date.now
  const slots = new Map<string, Slot>()
  let bytes = 0
  const remove = (key: string, slot: Slot) => {
    slots.delete(key)
    bytes -= slot.bytes
  }
  return {
    get bytes() {
      return bytes
    },
    get size() {
      return slots.size
    },
    get(key) {
      const slot = slots.get(key)
      if (slot === undefined) return undefined
      remove(key, slot)
      if (slot.expiresAtMs <= now()) return undefined
      slots.set(key, slot)
      bytes += slot.bytes
      return slot.entry
    },
    set(key, entry, ttlMs) {
      const size = sizeOfEntry(entry)
      const previous = slots.get(key)
      if (previous !== undefined) remove(key, previous)
      if (size > options.maxBytes || ttlMs <= 0) return
      for (const [oldest, slot] of slots) {
        if (bytes + size <= options.maxBytes) break
        remove(oldest, slot)
      }
      slots.set(key, { entry, bytes: size, expiresAtMs: now() + ttlMs })
      bytes += size
    },
    close() {
      slots.clear()
      bytes = 0
    },
  }
}
