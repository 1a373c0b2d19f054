// Mints virtual keys in the bench process for bulk seeding: the raw keys stay here, only
// their ids, display prefixes and digests (peppered, and the gateway's cache index) go to the control plane.
import { randomBytes } from 'node:crypto'
import { hashKey } from '@gw/auth-cache'
import type { KeyRow } from '../sut/bulk-seed.js'

const crockford = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
const base62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
const displayPrefixLength = 16

// A ULID: 10 characters of millisecond time, 16 of randomness (Crockford base32).
function createUlid(nowMs: number): string {
  let time = ''
  let rest = nowMs
  for (let i = 0; i < 10; i++) {
    time = crockford[rest % 32] + time
    rest = Math.floor(rest / 32)
  }
  let random = ''
  for (const byte of randomBytes(16)) random += crockford[byte % 32]
  return time + random
}

function randomSecret(length: number): string {
  let secret = ''
  // The modulo bias is irrelevant for throwaway bench keys.
  for (const byte of randomBytes(length)) secret += base62[byte % 62]
  return secret
}

/** Minted keys and the rows that describe them to the control plane. */
export interface MintedKeys {
  keys: string[]
  rows: KeyRow[]
}

/**
 * Mints `count` live keys (`lw_vk_live_<ULID><32 base62>`) with digests from `digest`.
 *
 * @example
 * const { keys, rows } = mintKeys(50_000, (key) => pepperedDigest(pepper, key))
 */
export function mintKeys(count: number, digest: (key: string) => string): MintedKeys {
  const keys: string[] = []
  const rows: KeyRow[] = []
  const nowMs = Date.now()
  for (let index = 0; index < count; index++) {
    const id = createUlid(nowMs)
    const key = `lw_vk_live_${id}${randomSecret(32)}`
    keys.push(key)
    rows.push({
      id,
      displayPrefix: key.slice(0, displayPrefixLength),
      digest: digest(key),
      cacheDigest: hashKey(key),
    })
  }
  return { keys, rows }
}
