import { describe, expect, it } from 'vitest'
import { extractPresentedKey } from './extract-key.js'

describe('extractPresentedKey', () => {
  it('reads a bearer token, case-insensitively', () => {
    expect(extractPresentedKey({ authorization: 'Bearer lw_vk_live_x' })).toBe('lw_vk_live_x')
    expect(extractPresentedKey({ authorization: 'bearer   lw_vk_live_y ' })).toBe('lw_vk_live_y')
  })

  it('falls back to x-api-key then x-goog-api-key', () => {
    expect(extractPresentedKey({ 'x-api-key': 'lw_vk_live_a' })).toBe('lw_vk_live_a')
    expect(extractPresentedKey({ 'x-goog-api-key': 'lw_vk_live_g' })).toBe('lw_vk_live_g')
    expect(extractPresentedKey({ authorization: 'Basic abc', 'x-api-key': 'lw_vk_live_a' })).toBe(
      'lw_vk_live_a',
    )
  })

  it('returns undefined when no key is present or it is blank', () => {
    expect(extractPresentedKey({})).toBeUndefined()
    expect(extractPresentedKey({ authorization: 'Bearer   ' })).toBeUndefined()
    expect(extractPresentedKey({ 'x-api-key': ' ' })).toBeUndefined()
  })
})
