import { describe, expect, it } from 'vitest'
import { digestMatches, effectiveKeyState, type KeyStateInput } from './key-state.js'

const now = Date.UTC(2025, 0, 1)
const key: KeyStateInput = {
  status: 'active',
  expires_at: null,
  digest: 'current',
  previous_digest: 'old',
  previous_valid_until: new Date(now + 1_000),
}

describe('effectiveKeyState', () => {
  it('is expired once expires_at is reached', () => {
    expect(effectiveKeyState({ status: 'active', expires_at: new Date(now + 1) }, now)).toBe('active')
    expect(effectiveKeyState({ status: 'active', expires_at: new Date(now) }, now)).toBe('expired')
  })

  it('reports revoked and disabled before expired', () => {
    expect(effectiveKeyState({ status: 'revoked', expires_at: new Date(0) }, now)).toBe('revoked')
    expect(effectiveKeyState({ status: 'disabled', expires_at: new Date(0) }, now)).toBe('disabled')
  })
})

describe('digestMatches', () => {
  it('accepts the current digest always and the previous one only during its grace period', () => {
    expect(digestMatches(key, 'current', now + 10_000)).toBe(true)
    expect(digestMatches(key, 'old', now)).toBe(true)
    expect(digestMatches(key, 'old', now + 1_000)).toBe(false)
    expect(digestMatches({ ...key, previous_valid_until: null }, 'old', now)).toBe(false)
    expect(digestMatches(key, 'other', now)).toBe(false)
  })
})
