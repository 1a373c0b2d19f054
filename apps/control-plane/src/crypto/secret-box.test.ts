import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { maskSecret } from './mask-secret.js'
import { createSecretBox, parseEncryptionKey } from './secret-box.js'

describe('parseEncryptionKey', () => {
  it('accepts 64 hex characters and base64 or base64url of 32 bytes', () => {
    const key = randomBytes(32)
    expect(parseEncryptionKey(key.toString('hex'))).toEqual(key)
    expect(parseEncryptionKey(key.toString('base64'))).toEqual(key)
    expect(parseEncryptionKey(key.toString('base64url'))).toEqual(key)
  })

  it('refuses other lengths and text', () => {
    expect(() => parseEncryptionKey(randomBytes(16).toString('hex'))).toThrow(/32-byte/)
    expect(() => parseEncryptionKey('correct horse battery staple')).toThrow(/32-byte/)
  })
})

describe('createSecretBox', () => {
  const box = createSecretBox(randomBytes(32))

  it('round-trips and never contains the plaintext', () => {
    const sealed = box.seal('sk-very-secret-value', 'mp_1')
    expect(sealed).not.toContain('sk-very-secret-value')
    expect(box.open(sealed, 'mp_1')).toBe('sk-very-secret-value')
  })

  it('uses a fresh IV per seal', () => {
    expect(box.seal('same', 'mp_1')).not.toBe(box.seal('same', 'mp_1'))
  })

  it('refuses a sealed value moved to another row, tampered with, or opened with another key', () => {
    const sealed = box.seal('sk-very-secret-value', 'mp_1')
    expect(() => box.open(sealed, 'mp_2')).toThrow(/could not be decrypted/)
    const parts = sealed.split('.')
    const ciphertext = parts[3] ?? ''
    const flipped = ciphertext.startsWith('A') ? 'B' : 'A'
    const tampered = [...parts.slice(0, 3), `${flipped}${ciphertext.slice(1)}`].join('.')
    expect(() => box.open(tampered, 'mp_1')).toThrow(/could not be decrypted/)
    expect(() => createSecretBox(randomBytes(32)).open(sealed, 'mp_1')).toThrow(/could not be decrypted/)
  })
})

describe('maskSecret', () => {
  it('shows the first 3 and last 4 characters of long secrets and nothing of short ones', () => {
    expect(maskSecret('sk-proj-1234567890abcd')).toBe('sk-…abcd')
    expect(maskSecret('short-key')).toBe('…')
  })
})
