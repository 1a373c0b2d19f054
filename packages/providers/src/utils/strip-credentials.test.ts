import { describe, expect, it } from 'vitest'
import { stripQueryCredentials } from './strip-credentials.js'

describe('stripQueryCredentials', () => {
  it('drops key parameters and virtual keys, keeps the rest in order', () => {
    expect(stripQueryCredentials('?key=lw_vk_live_abc&alt=sse')).toBe('?alt=sse')
    expect(stripQueryCredentials('?beta=true&token=lw_vk_test_x')).toBe('?beta=true')
    expect(stripQueryCredentials('?API_KEY=sk-1')).toBe('')
  })

  it('returns a query without credentials untouched', () => {
    expect(stripQueryCredentials('?beta=true')).toBe('?beta=true')
    expect(stripQueryCredentials('')).toBe('')
  })
})
