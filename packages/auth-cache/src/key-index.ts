// The cached keys by hash, indexed by key id and organisation for the change feed's evictions.
import QuickLRU from 'quick-lru'
import type { EntryTiming } from './cache-policy.js'
import { SecondChanceMap } from './second-chance-map.js'
import type { CachedKey } from './types.js'

/** One cached key and when it needs work. */
export interface CacheEntry {
  readonly value: CachedKey
  readonly timing: EntryTiming
}

/**
 * Bounded map of key hash → entry (second-chance eviction) with a key-id index, so a change to one
 * key evicts every cached form of it, and a memory of which id a hash last resolved to that
 * outlives eviction (a refusal of an evicted key is still lifted when that key changes).
 *
 * @example
 * const index = new KeyIndex(50_000, () => emit('evict'))
 * index.store(hash, entry)
 * index.removeKeyId('01K…') // 1
 */
export class KeyIndex {
  readonly #entries: SecondChanceMap<string, CacheEntry>
  readonly #byKeyId = new Map<string, Set<string>>()
  readonly #lastKeyIds: QuickLRU<string, string>
  readonly #onEvict: () => void
  #count = 0

  constructor(maxEntries: number, onEvict: () => void) {
    this.#onEvict = onEvict
    this.#entries = new SecondChanceMap<string, CacheEntry>({
      maxSize: Math.ceil(maxEntries),
      onEviction: (hash, entry) => this.#forget(hash, entry, true),
    })
    this.#lastKeyIds = new QuickLRU<string, string>({ maxSize: Math.max(1, Math.ceil(maxEntries / 2)) })
  }

  /** Keys held. */
  get size(): number {
    return this.#count
  }

  /** The entry of `hash`, marking it used (second chance). */
  get(hash: string): CacheEntry | undefined {
    return this.#entries.get(hash)
  }

  /** The entry of `hash`, leaving eviction order alone. */
  peek(hash: string): CacheEntry | undefined {
    return this.#entries.peek(hash)
  }

  /** The key id `hash` last resolved to, even after its entry was evicted. */
  lastKeyIdOf(hash: string): string | undefined {
    return this.#lastKeyIds.get(hash)
  }

  /** Stores (or replaces) the entry of `hash`. */
  store(hash: string, entry: CacheEntry): void {
    const previous = this.#entries.peek(hash)
    if (previous !== undefined) {
      this.#entries.delete(hash)
      this.#forget(hash, previous, false)
    }
    this.#entries.set(hash, entry)
    this.#count++
    const vkId = entry.value.claims.vk_id
    this.#lastKeyIds.set(hash, vkId)
    const hashes = this.#byKeyId.get(vkId)
    if (hashes === undefined) this.#byKeyId.set(vkId, new Set([hash]))
    else hashes.add(hash)
  }

  /** Drops the entry of `hash`, if any. */
  remove(hash: string): void {
    const entry = this.#entries.peek(hash)
    if (entry === undefined) return
    this.#entries.delete(hash)
    this.#forget(hash, entry, true)
  }

  /** Drops every entry of key `vkId`; returns how many. */
  removeKeyId(vkId: string): number {
    const hashes = this.#byKeyId.get(vkId)
    if (hashes === undefined) return 0
    const evicted = [...hashes]
    for (const hash of evicted) this.remove(hash)
    return evicted.length
  }

  /** Drops every entry of organisation `organizationId`; returns how many. */
  removeOrganization(organizationId: string): number {
    const evicted: string[] = []
    for (const hash of this.#entries.keys()) {
      if (this.#entries.peek(hash)?.value.claims.org_id === organizationId) evicted.push(hash)
    }
    for (const hash of evicted) this.remove(hash)
    return evicted.length
  }

  /** Drops everything, the key-id memory included. */
  clear(): void {
    for (const hash of [...this.#entries.keys()]) this.remove(hash)
    this.#lastKeyIds.clear()
  }

  #forget(hash: string, entry: CacheEntry, evicted: boolean): void {
    this.#count--
    const vkId = entry.value.claims.vk_id
    const hashes = this.#byKeyId.get(vkId)
    hashes?.delete(hash)
    if (hashes?.size === 0) this.#byKeyId.delete(vkId)
    if (evicted) this.#onEvict()
  }
}
