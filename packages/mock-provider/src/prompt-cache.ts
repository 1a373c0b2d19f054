// Remembers prompt prefixes marked cacheable, to report cache writes on first sight and reads after.
import { createHash } from 'node:crypto'
import { estimateTokens } from './reply-text.js'

/** One piece of a prompt in order (tool, system block, message block) and its size. */
export interface PromptPiece {
  value: unknown
  chars: number
  /** The prefix up to and including this piece is cacheable (`cache_control`, `cachePoint`). */
  breakpoint: boolean
}

/** Token split of a prompt: uncached input, and the cached prefix read or written. */
export interface PromptCacheUsage {
  inputTokens: number
  cacheReadTokens: number
  cacheWriteTokens: number
}

/** A bounded memory of prompt prefixes seen (oldest forgotten first). */
export interface PromptCache {
  measure(pieces: PromptPiece[]): PromptCacheUsage
  clear(): void
}

/**
 * Creates the cache. The whole prompt counts `ceil(chars / 4)` tokens; the prefix up to the last
 * breakpoint is reported as written the first time it is seen and as read afterwards, and the
 * rest as plain input. There is no minimum cacheable length (real providers have one).
 *
 * @example
 * const cache = createPromptCache()
 * cache.measure([{ value: 'system', chars: 4000, breakpoint: true }]) // { cacheWriteTokens: 1000, … }
 */
export function createPromptCache(maxEntries = 256): PromptCache {
  const seen = new Map<string, true>()
  return {
    measure(pieces) {
      let total = 0
      let prefixChars = 0
      let prefixEnd = -1
      pieces.forEach((piece, index) => {
        total += piece.chars
        if (piece.breakpoint) {
          prefixChars = total
          prefixEnd = index
        }
      })
      const totalTokens = estimateTokens(total)
      if (prefixEnd < 0) return { inputTokens: totalTokens, cacheReadTokens: 0, cacheWriteTokens: 0 }
      const prefixTokens = Math.min(totalTokens, estimateTokens(prefixChars))
      const key = createHash('sha256')
        .update(JSON.stringify(pieces.slice(0, prefixEnd + 1).map((piece) => piece.value)))
        .digest('base64')
      const hit = seen.has(key)
      if (!hit) {
        seen.set(key, true)
        if (seen.size > maxEntries) seen.delete(seen.keys().next().value as string)
      }
      return {
        inputTokens: totalTokens - prefixTokens,
        cacheReadTokens: hit ? prefixTokens : 0,
        cacheWriteTokens: hit ? 0 : prefixTokens,
      }
    },
    clear() {
      seen.clear()
    },
  }
}
