// A map with an exact size bound that evicts by second chance (CLOCK): a hit only sets a flag.
// quick-lru's two generations hold between half and all of maxSize, so a cache bounded by it can
// never be filled to its bound (a bootstrap of N keys into an N-key cache would lose half).

interface Slot<V> {
  value: V
  referenced: boolean
}

/** Options of {@link SecondChanceMap}. */
export interface SecondChanceMapOptions<K, V> {
  /** Most entries held; the next insertion evicts one first. */
  maxSize: number
  /** Called for an entry dropped to make room (not for `delete`). */
  onEviction?: (key: K, value: V) => void
}

/**
 * Bounded map: at most `maxSize` entries, never fewer than that once full. Eviction walks entries
 * in insertion order; one read since its last pass (`get`) buys an entry one more round, so hot
 * keys stay while keys read once age out. A hit costs one Map lookup and a flag write.
 *
 * @example
 * const map = new SecondChanceMap<string, number>({ maxSize: 2 })
 * map.set('a', 1); map.set('b', 2); map.get('a'); map.set('c', 3) // evicts 'b'
 */
export class SecondChanceMap<K, V> {
  readonly #slots = new Map<K, Slot<V>>()
  readonly #maxSize: number
  readonly #onEviction: ((key: K, value: V) => void) | undefined

  constructor(options: SecondChanceMapOptions<K, V>) {
    if (!Number.isInteger(options.maxSize) || options.maxSize < 1) {
      throw new TypeError('SecondChanceMap: maxSize must be a positive integer')
    }
    this.#maxSize = options.maxSize
    this.#onEviction = options.onEviction
  }

  /** The value, marking it recently used. */
  get(key: K): V | undefined {
    const slot = this.#slots.get(key)
    if (slot === undefined) return undefined
    slot.referenced = true
    return slot.value
  }

  /** The value, without marking it. */
  peek(key: K): V | undefined {
    return this.#slots.get(key)?.value
  }

  /** Inserts or replaces; a new key may evict the least recently used one first. */
  set(key: K, value: V): void {
    const slot = this.#slots.get(key)
    if (slot !== undefined) {
      slot.value = value
      slot.referenced = true
      return
    }
    if (this.#slots.size >= this.#maxSize) this.#evictOne()
    this.#slots.set(key, { value, referenced: false })
  }

  delete(key: K): boolean {
    return this.#slots.delete(key)
  }

  keys(): IterableIterator<K> {
    return this.#slots.keys()
  }

  get size(): number {
    return this.#slots.size
  }

  #evictOne(): void {
    // A Map iterates entries re-added during the loop, so this ends within one full round.
    for (const [key, slot] of this.#slots) {
      this.#slots.delete(key)
      if (slot.referenced) {
        slot.referenced = false
        this.#slots.set(key, slot)
        continue
      }
      this.#onEviction?.(key, slot.value)
      return
    }
  }
}
