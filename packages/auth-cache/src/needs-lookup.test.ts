import { describe, expect, it, vi } from 'vitest'
import { createAuthCache } from './auth-cache.js'
import { controlPlaneFailure, harness, rawKey, resolvedEntry } from './test-utils/fixtures.js'

describe('needsLookup', () => {
  it('is true only for a well-formed key the cache knows nothing about', async () => {
    const clock = harness()
    const resolve = vi.fn(async () => resolvedEntry('vk_1', { now: clock.time }))
    const cache = createAuthCache({ resolve, now: clock.now })
    expect(cache.needsLookup(rawKey(1))).toBe(true)
    const pending = cache.get(rawKey(1))
    expect(cache.needsLookup(rawKey(1))).toBe(false)
    await pending
    expect(cache.needsLookup(rawKey(1))).toBe(false)
    expect(cache.needsLookup(rawKey(2))).toBe(true)
  })

  it('is false for a key refused a moment ago (its answer is remembered)', async () => {
    const clock = harness()
    const revoked = controlPlaneFailure('auth', 'virtual_key_revoked')
    const cache = createAuthCache({ resolve: async () => Promise.reject(revoked), now: clock.now })
    await cache.get(rawKey(3)).catch(() => undefined)
    expect(cache.needsLookup(rawKey(3))).toBe(false)
  })
})
