// Remembered refusals of bad keys: a flood of one revoked or unknown key costs one lookup per TTL.
import QuickLRU from 'quick-lru'

interface NegativeEntry {
  readonly error: Error
  readonly untilMs: number
  /** The key id the refusal was for, when known, so a change to that key lifts it early. */
  readonly vkId: string | undefined
}

/**
 * A bounded LRU of key hash → the error that refused it, for `ttlMs`. A refusal tied to a key id
 * is lifted as soon as that key changes (re-enabled, rotated), whatever its TTL.
 *
 * @example
 * const refusals = new NegativeCache({ ttlMs: 5_000, maxEntries: 10_000, now: Date.now })
 * refusals.remember(hash, error, '01K…')
 * refusals.find(hash) // error, until 5 s have passed or liftKeyId('01K…')
 */
export class NegativeCache {
  readonly #entries: QuickLRU<string, NegativeEntry>
  readonly #ttlMs: number
  readonly #now: () => number

  constructor(options: { ttlMs: number; maxEntries: number; now: () => number }) {
    this.#ttlMs = options.ttlMs
    this.#now = options.now
    this.#entries = new QuickLRU<string, NegativeEntry>({
      maxSize: Math.max(1, Math.ceil(options.maxEntries / 2)),
    })
  }

  /** Remembers a refusal (nothing when the TTL is 0). */
  remember(hash: string, error: Error, vkId: string | undefined): void {
    if (this.#ttlMs > 0) this.#entries.set(hash, { error, untilMs: this.#now() + this.#ttlMs, vkId })
  }

  /** The remembered refusal of `hash` while it holds; an expired one is dropped. */
  find(hash: string): Error | undefined {
    const entry = this.#entries.get(hash)
    if (entry === undefined) return undefined
    if (this.#now() < entry.untilMs) return entry.error
    this.#entries.delete(hash)
    return undefined
  }

  /** Whether `hash` is refused right now, without touching LRU order. */
  holds(hash: string): boolean {
    const entry = this.#entries.peek(hash)
    return entry !== undefined && this.#now() < entry.untilMs
  }

  /** Lifts every refusal of key `vkId`. */
  liftKeyId(vkId: string): void {
    const lifted: string[] = []
    for (const [hash, entry] of this.#entries) if (entry.vkId === vkId) lifted.push(hash)
    for (const hash of lifted) this.#entries.delete(hash)
  }

  /** Forgets every refusal. */
  clear(): void {
    this.#entries.clear()
  }
}
