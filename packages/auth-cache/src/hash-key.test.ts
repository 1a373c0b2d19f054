import { createHash, createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { hashKey, pepperedDigest } from './hash-key.js'

describe('hashKey', () => {
  it('is the SHA-256 hex of the raw key', () => {
    const raw = 'lw_vk_live_01J9ZK3V7Q8R2W5X6Y7Z8A9B0Cs3cr3tPart1234567890ab'
    expect(hashKey(raw)).toBe(createHash('sha256').update(raw).digest('hex'))
    expect(hashKey('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')
  })
})

describe('pepperedDigest', () => {
  it('is the HMAC-SHA256 hex keyed with the pepper, and differs by pepper', () => {
    const raw = 'lw_vk_live_x'
    expect(pepperedDigest('pepper', raw)).toBe(createHmac('sha256', 'pepper').update(raw).digest('hex'))
    expect(pepperedDigest('pepper-2', raw)).not.toBe(pepperedDigest('pepper', raw))
  })
})
