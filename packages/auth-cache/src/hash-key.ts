// Digests of raw virtual keys: SHA-256 for cache keys, peppered HMAC-SHA256 for storage at rest.
import * as crypto from 'node:crypto'

// `crypto.hash` (Node ≥ 20.12) skips the Hash object and is ~2× faster for short inputs.
const oneShotHash: ((algorithm: string, data: string, encoding: 'hex') => string) | undefined =
  typeof crypto.hash === 'function' ? crypto.hash : undefined

/**
 * SHA-256 hex of a raw key: what the cache indexes by, so raw keys are never held as map keys.
 *
 * @example
 * hashKey('lw_vk_live_01J…') // '5e88…'
 */
export function hashKey(raw: string): string {
  if (oneShotHash !== undefined) return oneShotHash('sha256', raw, 'hex')
  return crypto.createHash('sha256').update(raw).digest('hex')
}

/**
 * Hex HMAC-SHA256 of a raw key keyed with `LW_VIRTUAL_KEY_PEPPER`: the only form of a key the
 * control plane stores. Compare digests with `crypto.timingSafeEqual`.
 *
 * @example
 * const stored = pepperedDigest(process.env.LW_VIRTUAL_KEY_PEPPER!, rawKey)
 */
export function pepperedDigest(pepper: string, raw: string): string {
  return crypto.createHmac('sha256', pepper).update(raw).digest('hex')
}
