import { isWellFormedVirtualKey, parseVirtualKeyId, pepperedDigest } from '@gw/auth-cache'
import { describe, expect, it } from 'vitest'
import { newUlid } from '../shared/ids.js'
import { mintVirtualKey, randomBase62, SECRET_LENGTH } from './mint-virtual-key.js'

const pepper = 'pepper-0123456789abcdef0123456789ab'

describe('mintVirtualKey', () => {
  it('mints lw_vk_<env>_<ULID><32 base62> keys the gateway accepts as well-formed', () => {
    const id = newUlid(Date.now())
    const minted = mintVirtualKey({ id, environment: 'live', pepper })
    expect(minted.key).toMatch(new RegExp(`^lw_vk_live_${id}[A-Za-z0-9]{${SECRET_LENGTH}}$`))
    expect(isWellFormedVirtualKey(minted.key)).toBe(true)
    expect(parseVirtualKeyId(minted.key)).toBe(id)
    expect(mintVirtualKey({ id, environment: 'test', pepper }).key.startsWith('lw_vk_test_')).toBe(true)
  })

  it('stores the peppered digest and a 16-character display prefix, never the key', () => {
    const minted = mintVirtualKey({ id: newUlid(Date.now()), environment: 'live', pepper })
    expect(minted.digest).toBe(pepperedDigest(pepper, minted.key))
    expect(minted.digest).toMatch(/^[0-9a-f]{64}$/)
    expect(minted.displayPrefix).toBe(minted.key.slice(0, 16))
  })

  it('gives at least 128 bits of secret and different secrets for the same id', () => {
    expect(SECRET_LENGTH * Math.log2(62)).toBeGreaterThanOrEqual(128)
    const id = newUlid(Date.now())
    const keys = new Set(
      Array.from({ length: 200 }, () => mintVirtualKey({ id, environment: 'live', pepper }).key),
    )
    expect(keys.size).toBe(200)
  })
})

describe('randomBase62', () => {
  it('uses every character of the alphabet roughly evenly (no modulo bias)', () => {
    const counts = new Map<string, number>()
    for (const char of randomBase62(62_000)) counts.set(char, (counts.get(char) ?? 0) + 1)
    expect(counts.size).toBe(62)
    for (const count of counts.values()) {
      expect(count).toBeGreaterThan(700)
      expect(count).toBeLessThan(1_300)
    }
  })
})
