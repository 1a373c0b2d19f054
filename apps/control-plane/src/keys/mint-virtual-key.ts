// Mints virtual keys: lw_vk_<env>_<ULID><secret>, the secret 32 base62 characters (~190 bits).
// With ~190 bits of secret an unpeppered SHA-256 reveals nothing guessable, so the gateway's
// cache index can be stored beside the peppered digest that resolve-key compares.
import { randomBytes } from 'node:crypto'
import { hashKey, pepperedDigest } from '@gw/auth-cache'

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
/** Characters of random secret after the ULID: 32 × log2(62) ≈ 190 bits. */
export const SECRET_LENGTH = 32
/** Characters of the key shown in listings and logs (`lw_vk_live_` + 5 of the ULID). */
export const DISPLAY_PREFIX_LENGTH = 16
// 248 = 4 × 62: bytes at or above it are rejected so every character is equally likely.
const REJECT_FROM = 248

/** Whether a key is for production traffic (`live`) or testing (`test`). */
export type KeyEnvironment = 'live' | 'test'

/** A freshly minted key: the raw value (shown once), and what is stored. */
export interface MintedKey {
  /** The full key. Returned to the admin once, never stored or logged. */
  key: string
  /** hex hmac_sha256(pepper, key). */
  digest: string
  /** hex sha256(key): the gateway's cache index, handed out by the bootstrap pull. */
  cacheDigest: string
  displayPrefix: string
}

/**
 * Random base62 string from crypto.randomBytes, by rejection sampling (no modulo bias).
 *
 * @example
 * randomBase62(32) // 'q3ZC0…'
 */
export function randomBase62(length: number): string {
  let out = ''
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte >= REJECT_FROM) continue
      out += ALPHABET[byte % 62]
      if (out.length === length) break
    }
  }
  return out
}

/**
 * Mints the raw key for key id `id` (a ULID) and its peppered digest.
 *
 * @example
 * const { key, digest, displayPrefix } = mintVirtualKey({ id: ulid(), environment: 'live', pepper })
 */
export function mintVirtualKey(options: {
  id: string
  environment: KeyEnvironment
  pepper: string
}): MintedKey {
  const key = `lw_vk_${options.environment}_${options.id}${randomBase62(SECRET_LENGTH)}`
  return {
    key,
    digest: pepperedDigest(options.pepper, key),
    cacheDigest: hashKey(key),
    displayPrefix: key.slice(0, DISPLAY_PREFIX_LENGTH),
  }
}
