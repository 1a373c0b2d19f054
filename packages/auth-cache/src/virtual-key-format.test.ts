import { describe, expect, it } from 'vitest'
import { isWellFormedVirtualKey, parseVirtualKeyId } from './virtual-key-format.js'

const ulid = '01J9ZK3V7Q8R2W5X6Y7Z8A9B0C'
const secret = 'Ab3_-def456GHI789jkl012' // 23 chars

describe('isWellFormedVirtualKey', () => {
  it('accepts live and test keys with a ULID and a ≥ 22-char secret', () => {
    expect(isWellFormedVirtualKey(`lw_vk_live_${ulid}${secret}`)).toBe(true)
    expect(isWellFormedVirtualKey(`lw_vk_test_${ulid}${secret.slice(0, 22)}`)).toBe(true)
  })

  it('refuses other prefixes, short secrets, non-Crockford ULIDs and oversized input', () => {
    expect(isWellFormedVirtualKey(`lw_vk_prod_${ulid}${secret}`)).toBe(false)
    expect(isWellFormedVirtualKey(`sk-${ulid}${secret}`)).toBe(false)
    expect(isWellFormedVirtualKey(`lw_vk_live_${ulid}${secret.slice(0, 21)}`)).toBe(false)
    expect(isWellFormedVirtualKey(`lw_vk_live_01J9ZK3V7Q8R2W5X6Y7Z8A9BIL${secret}`)).toBe(false)
    expect(isWellFormedVirtualKey(`lw_vk_live_81J9ZK3V7Q8R2W5X6Y7Z8A9B0C${secret}`)).toBe(false)
    expect(isWellFormedVirtualKey(`lw_vk_live_${ulid}${secret}!`)).toBe(false)
    expect(isWellFormedVirtualKey(`lw_vk_live_${ulid}${'a'.repeat(300)}`)).toBe(false)
    expect(isWellFormedVirtualKey('lw_vk_live_01HZX')).toBe(false)
  })
})

describe('parseVirtualKeyId', () => {
  it('returns the ULID part of a well-formed key and null otherwise', () => {
    expect(parseVirtualKeyId(`lw_vk_live_${ulid}${secret}`)).toBe(ulid)
    expect(parseVirtualKeyId('lw_vk_live_nope')).toBeNull()
  })
})
