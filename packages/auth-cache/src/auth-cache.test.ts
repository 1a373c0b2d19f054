import { describe, expect, it, vi } from 'vitest'
import { createAuthCache, type ResolvedEntry } from './auth-cache.js'
import { hashKey } from './hash-key.js'
import { deferred, harness, rawKey, resolvedEntry, T0 } from './test-utils/fixtures.js'

describe('createAuthCache: hits, misses and single-flight', () => {
  it('resolves a miss once, then serves hits without resolving', async () => {
    const clock = harness()
    const resolve = vi.fn(async () => resolvedEntry('vk_1', { now: clock.time }))
    const cache = createAuthCache({ resolve, now: clock.now, onEvent: clock.onEvent })
    const first = await cache.get(rawKey(1))
    expect(first.claims.vk_id).toBe('vk_1')
    expect(first.keyHash).toMatch(/^[0-9a-f]{64}$/)
    clock.advance(500_000)
    expect(await cache.get(rawKey(1))).toBe(first)
    expect(resolve).toHaveBeenCalledTimes(1)
    expect(resolve).toHaveBeenCalledWith(rawKey(1))
    expect(cache.size).toBe(1)
    expect(clock.count('miss')).toBe(1)
    expect(clock.count('hit')).toBe(1)
  })

  it('runs exactly one resolve for 1,000 concurrent lookups of a cold key', async () => {
    const clock = harness()
    const pending = deferred<ResolvedEntry>()
    const resolve = vi.fn(() => pending.promise)
    const cache = createAuthCache({ resolve, now: clock.now })
    const lookups = Array.from({ length: 1000 }, () => cache.get(rawKey(1)))
    pending.resolve(resolvedEntry('vk_1', { now: clock.time }))
    const results = await Promise.all(lookups)
    expect(resolve).toHaveBeenCalledTimes(1)
    expect(new Set(results).size).toBe(1)
  })

  it('refuses a malformed key without resolving it', async () => {
    const resolve = vi.fn(async () => resolvedEntry('vk_1'))
    const cache = createAuthCache({ resolve })
    await expect(cache.get('sk-not-a-virtual-key')).rejects.toMatchObject({
      code: 'invalid_api_key',
      status: 401,
    })
    expect(cache.peek('sk-not-a-virtual-key')).toBeUndefined()
    expect(resolve).not.toHaveBeenCalled()
    const lenient = createAuthCache({ resolve, isWellFormed: null })
    await expect(lenient.get('anything')).resolves.toMatchObject({ claims: { vk_id: 'vk_1' } })
  })

  it('keeps working when the metrics hook throws', async () => {
    const cache = createAuthCache({
      resolve: async () => resolvedEntry('vk_1', { now: T0 }),
      now: () => T0,
      onEvent: () => {
        throw new Error('metrics down')
      },
    })
    await expect(cache.get(rawKey(1))).resolves.toBeDefined()
  })

  it('rejects bad options in the factory', () => {
    const resolve = async () => resolvedEntry('vk_1')
    expect(() => createAuthCache({ resolve, maxEntries: 0 })).toThrow(TypeError)
    expect(() => createAuthCache({ resolve, hardGraceMs: -1 })).toThrow(TypeError)
    expect(() => createAuthCache({ resolve, hardGraceMs: 0 })).not.toThrow()
  })
})

describe('createAuthCache: freshness', () => {
  it('is fresh until the JWT exp, then resolves again before serving', async () => {
    const clock = harness()
    const resolve = vi.fn(async () => resolvedEntry('vk_1', { now: clock.time, ttlSeconds: 900 }))
    const cache = createAuthCache({ resolve, now: clock.now, refreshBeforeExpiryMs: 0 })
    const first = await cache.get(rawKey(1))
    clock.advance(899_999)
    expect(await cache.get(rawKey(1))).toBe(first)
    expect(resolve).toHaveBeenCalledTimes(1)
    clock.advance(1)
    const second = await cache.get(rawKey(1))
    expect(second).not.toBe(first)
    expect(second.claims.iat).toBe(first.claims.iat + 900)
    expect(resolve).toHaveBeenCalledTimes(2)
  })

  it('refreshes in the background near exp without blocking the hit', async () => {
    const clock = harness()
    const refreshed = deferred<ResolvedEntry>()
    const resolve = vi
      .fn<(raw: string) => Promise<ResolvedEntry>>()
      .mockResolvedValueOnce(resolvedEntry('vk_1', { now: clock.time, revision: '1' }))
      .mockReturnValueOnce(refreshed.promise)
    const cache = createAuthCache({ resolve, now: clock.now, refreshBeforeExpiryMs: 60_000 })
    const first = await cache.get(rawKey(1))
    clock.advance(850_000) // 50 s before exp: inside the refresh window
    // The refresh never settles until released below, yet the hit returns.
    expect(await cache.get(rawKey(1))).toBe(first)
    expect(await cache.get(rawKey(1))).toBe(first)
    expect(resolve).toHaveBeenCalledTimes(2)
    refreshed.resolve(resolvedEntry('vk_1', { now: clock.time, revision: '2' }))
    await cache.settle()
    const after = await cache.get(rawKey(1))
    expect(after.claims.revision).toBe('2')
    expect(resolve).toHaveBeenCalledTimes(2)
  })

  it('refuses a key past its own expiry without a round trip', async () => {
    const clock = harness()
    const vkExpiresAt = T0 / 1000 + 120
    const resolve = vi.fn(async () =>
      resolvedEntry('vk_1', { now: clock.time, ttlSeconds: 120, vkExpiresAt }),
    )
    const cache = createAuthCache({
      resolve,
      now: clock.now,
      refreshBeforeExpiryMs: 0,
      onEvent: clock.onEvent,
    })
    await cache.get(rawKey(1))
    clock.advance(120_000)
    await expect(cache.get(rawKey(1))).rejects.toMatchObject({ code: 'virtual_key_expired', status: 403 })
    await expect(cache.get(rawKey(1))).rejects.toMatchObject({ code: 'virtual_key_expired' })
    expect(resolve).toHaveBeenCalledTimes(1)
    expect(cache.size).toBe(0)
  })

  it('honours the config expires_at as key expiry too', async () => {
    const clock = harness()
    const entry = resolvedEntry('vk_1', { now: clock.time })
    entry.config = { ...entry.config, expires_at: T0 / 1000 + 10 }
    const cache = createAuthCache({ resolve: async () => entry, now: clock.now })
    await cache.get(rawKey(1))
    clock.advance(10_000)
    await expect(cache.get(rawKey(1))).rejects.toMatchObject({ code: 'virtual_key_expired' })
  })
})

describe('createAuthCache: peek', () => {
  it('returns the entry only while fresh and needing no background work', async () => {
    const clock = harness()
    const resolve = vi.fn(async () => resolvedEntry('vk_1', { now: clock.time }))
    const cache = createAuthCache({ resolve, now: clock.now, refreshBeforeExpiryMs: 60_000 })
    expect(cache.peek(rawKey(1))).toBeUndefined()
    const entry = await cache.get(rawKey(1))
    expect(cache.peek(rawKey(1))).toBe(entry)
    clock.advance(845_000) // inside the refresh window: let get() start the refresh
    expect(cache.peek(rawKey(1))).toBeUndefined()
    expect(resolve).toHaveBeenCalledTimes(1)
  })

  it('peekHashed answers like peek for the hash of the same key, and only while fresh', async () => {
    const clock = harness()
    const cache = createAuthCache({
      resolve: async () => resolvedEntry('vk_1', { now: clock.time }),
      now: clock.now,
    })
    expect(cache.peekHashed(hashKey(rawKey(1)))).toBeUndefined()
    const entry = await cache.get(rawKey(1))
    expect(entry.keyHash).toBe(hashKey(rawKey(1)))
    expect(cache.peekHashed(entry.keyHash)).toBe(entry)
    expect(cache.peekHashed(hashKey(rawKey(2)))).toBeUndefined()
    clock.advance(900_000) // past exp: stale for both forms
    expect([cache.peek(rawKey(1)), cache.peekHashed(entry.keyHash)]).toEqual([undefined, undefined])
  })
})

describe('createAuthCache: resolver contract', () => {
  it('treats a resolver that throws synchronously like one that rejects', async () => {
    const cache = createAuthCache({
      resolve: () => {
        throw new Error('boom')
      },
    })
    await expect(cache.get(rawKey(1))).rejects.toMatchObject({ code: 'auth_upstream_unavailable' })
  })
})
