import { GatewayError } from '@gw/contract'
import { describe, expect, it, vi } from 'vitest'
import { createAuthCache, type ResolvedEntry } from './auth-cache.js'
import { hashKey } from './hash-key.js'
import { controlPlaneFailure, deferred, harness, rawKey, resolvedEntry } from './test-utils/fixtures.js'

describe('createAuthCache: refusals', () => {
  it('evicts on an auth-class refresh failure and remembers the refusal for negativeTtl', async () => {
    const clock = harness()
    const resolve = vi.fn<(raw: string) => Promise<ResolvedEntry>>()
    resolve.mockResolvedValueOnce(resolvedEntry('vk_1', { now: clock.time }))
    const cache = createAuthCache({
      resolve,
      now: clock.now,
      refreshBeforeExpiryMs: 0,
      negativeTtlMs: 5_000,
      onEvent: clock.onEvent,
    })
    await cache.get(rawKey(1))
    clock.advance(900_000)
    resolve.mockRejectedValue(controlPlaneFailure('auth', 'virtual_key_revoked'))
    await expect(cache.get(rawKey(1))).rejects.toMatchObject({ code: 'virtual_key_revoked', status: 403 })
    expect(cache.size).toBe(0)
    expect(clock.count('evict')).toBe(1)
    clock.advance(4_999)
    await expect(cache.get(rawKey(1))).rejects.toMatchObject({ code: 'virtual_key_revoked' })
    expect(resolve).toHaveBeenCalledTimes(2)
    expect(clock.count('negative_hit')).toBe(1)
    clock.advance(1)
    await expect(cache.get(rawKey(1))).rejects.toMatchObject({ code: 'virtual_key_revoked' })
    expect(resolve).toHaveBeenCalledTimes(3)
  })

  it('does not serve stale after an auth failure, even within hard grace', async () => {
    const clock = harness()
    const resolve = vi.fn<(raw: string) => Promise<ResolvedEntry>>()
    resolve.mockResolvedValueOnce(resolvedEntry('vk_1', { now: clock.time }))
    const cache = createAuthCache({ resolve, now: clock.now, refreshBeforeExpiryMs: 0, hardGraceMs: 600_000 })
    await cache.get(rawKey(1))
    clock.advance(900_000)
    resolve.mockRejectedValue(new GatewayError('invalid_api_key', 'gone'))
    await expect(cache.get(rawKey(1))).rejects.toMatchObject({ code: 'invalid_api_key', status: 401 })
  })

  it('classifies errors without a kind by status: 401/403/404 are auth, the rest upstream', async () => {
    const clock = harness()
    const resolve = vi.fn<(raw: string) => Promise<ResolvedEntry>>()
    const cache = createAuthCache({ resolve, now: clock.now })
    resolve.mockRejectedValueOnce(new GatewayError('virtual_key_disabled', 'off'))
    await expect(cache.get(rawKey(1))).rejects.toMatchObject({ code: 'virtual_key_disabled' })
    resolve.mockRejectedValueOnce(new GatewayError('not_found', 'no such key'))
    await expect(cache.get(rawKey(2))).rejects.toMatchObject({ code: 'invalid_api_key' })
    resolve.mockRejectedValueOnce(new GatewayError('internal_error', 'boom'))
    await expect(cache.get(rawKey(3))).rejects.toMatchObject({ code: 'auth_upstream_unavailable' })
    // A kind other than auth wins over the status (e.g. a refused HMAC signature).
    resolve.mockRejectedValueOnce(
      Object.assign(new GatewayError('unauthorized', 'sig'), { kind: 'rejected' }),
    )
    await expect(cache.get(rawKey(4))).rejects.toMatchObject({ code: 'auth_upstream_unavailable' })
  })

  it('resolves each distinct unknown key at most once per negativeTtl under a flood', async () => {
    const clock = harness()
    const resolve = vi.fn(async (_raw: string): Promise<ResolvedEntry> => {
      throw controlPlaneFailure('auth', 'virtual_key_revoked')
    })
    const cache = createAuthCache({ resolve, now: clock.now, negativeTtlMs: 5_000 })
    const flood = []
    for (let round = 0; round < 10; round++) {
      for (let key = 0; key < 100; key++) flood.push(cache.get(rawKey(key)).catch((error: unknown) => error))
    }
    const errors = await Promise.all(flood)
    expect(errors.every((error) => (error as GatewayError).code === 'virtual_key_revoked')).toBe(true)
    expect(resolve).toHaveBeenCalledTimes(100)
    clock.advance(4_000)
    await Promise.all(Array.from({ length: 100 }, (_, key) => cache.get(rawKey(key)).catch(() => undefined)))
    expect(resolve).toHaveBeenCalledTimes(100)
  })
})

describe('createAuthCache: eviction', () => {
  it('evicts every cached form of a key id and keeps other keys', async () => {
    const clock = harness()
    const owner = (raw: string) => (raw === rawKey(3) ? 'vk_other' : 'vk_1')
    const resolve = vi.fn(async (raw: string) => resolvedEntry(owner(raw), { now: clock.time }))
    const cache = createAuthCache({ resolve, now: clock.now })
    await Promise.all([cache.get(rawKey(1)), cache.get(rawKey(2)), cache.get(rawKey(3))])
    expect(cache.evictByKeyId('vk_1')).toBe(2)
    expect(cache.evictByKeyId('vk_1')).toBe(0)
    expect(cache.size).toBe(1)
    await cache.get(rawKey(1))
    await cache.get(rawKey(3))
    expect(resolve).toHaveBeenCalledTimes(4)
  })

  it('does not cache an answer that was in flight while its key was evicted', async () => {
    const clock = harness()
    const pending = deferred<ResolvedEntry>()
    const resolve = vi
      .fn<(raw: string) => Promise<ResolvedEntry>>()
      .mockReturnValueOnce(pending.promise)
      .mockResolvedValue(resolvedEntry('vk_1', { now: clock.time, revision: '2' }))
    const cache = createAuthCache({ resolve, now: clock.now })
    const lookup = cache.get(rawKey(1))
    cache.evictByKeyId('vk_1') // e.g. VK_REVOKED arrives from the change feed
    pending.resolve(resolvedEntry('vk_1', { now: clock.time, revision: '1' }))
    expect((await lookup).claims.revision).toBe('1')
    expect(cache.size).toBe(0)
    expect((await cache.get(rawKey(1))).claims.revision).toBe('2')
  })

  it('lifts a remembered refusal when its key changes (disabled, then enabled again)', async () => {
    const clock = harness()
    const resolve = vi.fn<(raw: string) => Promise<ResolvedEntry>>()
    const cache = createAuthCache({ resolve, now: clock.now })
    resolve.mockResolvedValueOnce(resolvedEntry('vk_1', { now: clock.time }))
    await cache.get(rawKey(1))
    cache.evictByKeyId('vk_1') // VK_DISABLED
    resolve.mockRejectedValueOnce(controlPlaneFailure('auth', 'virtual_key_disabled'))
    await expect(cache.get(rawKey(1))).rejects.toMatchObject({ code: 'virtual_key_disabled' })
    await expect(cache.get(rawKey(1))).rejects.toMatchObject({ code: 'virtual_key_disabled' })
    expect(resolve).toHaveBeenCalledTimes(2) // the second refusal came from the negative cache
    cache.evictByKeyId('vk_1') // VK_ENABLED
    resolve.mockResolvedValueOnce(resolvedEntry('vk_1', { now: clock.time, revision: '3' }))
    await expect(cache.get(rawKey(1))).resolves.toMatchObject({ claims: { revision: '3' } })
  })

  it('lifts the refusal of a never-cached key by the id its key carries', async () => {
    const clock = harness()
    const resolve = vi.fn<(raw: string) => Promise<ResolvedEntry>>()
    const cache = createAuthCache({ resolve, now: clock.now })
    resolve.mockRejectedValueOnce(controlPlaneFailure('auth', 'virtual_key_disabled'))
    await expect(cache.get(rawKey(4))).rejects.toMatchObject({ code: 'virtual_key_disabled' })
    cache.evictByKeyId('01J9ZK3V7Q8R2W5X6Y7Z8A9B0C')
    resolve.mockResolvedValueOnce(resolvedEntry('01J9ZK3V7Q8R2W5X6Y7Z8A9B0C', { now: clock.time }))
    await expect(cache.get(rawKey(4))).resolves.toBeDefined()
    expect(resolve).toHaveBeenCalledTimes(2)
  })

  it('evictAll drops entries and remembered refusals', async () => {
    const clock = harness()
    const resolve = vi.fn<(raw: string) => Promise<ResolvedEntry>>()
    const cache = createAuthCache({ resolve, now: clock.now })
    resolve.mockResolvedValueOnce(resolvedEntry('vk_1', { now: clock.time }))
    resolve.mockRejectedValueOnce(controlPlaneFailure('auth', 'virtual_key_revoked'))
    await cache.get(rawKey(1))
    await expect(cache.get(rawKey(2))).rejects.toBeDefined()
    cache.evictAll()
    expect(cache.size).toBe(0)
    resolve.mockResolvedValue(resolvedEntry('vk_2', { now: clock.time }))
    await expect(cache.get(rawKey(2))).resolves.toMatchObject({ claims: { vk_id: 'vk_2' } })
  })

  it('stays within maxEntries and unindexes what the LRU drops', async () => {
    const clock = harness()
    const keys = Array.from({ length: 10 }, (_, index) => rawKey(index))
    const resolve = vi.fn(async (raw: string) =>
      resolvedEntry(`vk_${keys.indexOf(raw)}`, { now: clock.time }),
    )
    const cache = createAuthCache({ resolve, now: clock.now, maxEntries: 4, onEvent: clock.onEvent })
    for (const key of keys) await cache.get(key)
    expect(cache.size).toBe(4)
    expect(clock.count('evict')).toBe(10 - cache.size)
    expect(cache.evictByKeyId('vk_0')).toBe(0) // the first key was dropped by the LRU
    expect(cache.evictByKeyId('vk_9')).toBe(1)
    expect(cache.size).toBeGreaterThan(0)
  })
})

describe('createAuthCache: config revalidation', () => {
  it('revalidates the config by ETag in the background after configRevalidateMs', async () => {
    const clock = harness()
    const resolve = vi.fn(async () => resolvedEntry('vk_1', { now: clock.time }))
    const revalidate = vi
      .fn()
      .mockResolvedValueOnce({ notModified: true })
      .mockImplementationOnce(async (entry: ResolvedEntry) => ({
        notModified: false,
        etag: '"e2"',
        config: { ...entry.config, model_aliases: { fast: 'openai/gpt-4o-mini' } },
      }))
    const cache = createAuthCache({ resolve, revalidate, now: clock.now, configRevalidateMs: 60_000 })
    const first = await cache.get(rawKey(1))
    clock.advance(59_999)
    await cache.get(rawKey(1))
    expect(revalidate).not.toHaveBeenCalled()
    clock.advance(1)
    expect(await cache.get(rawKey(1))).toBe(first)
    await cache.settle()
    expect(revalidate).toHaveBeenCalledWith(first)
    expect(await cache.get(rawKey(1))).toBe(first) // 304: same entry, clock restarted
    clock.advance(60_000)
    await cache.get(rawKey(1))
    await cache.settle()
    const updated = await cache.get(rawKey(1))
    expect(updated.etag).toBe('"e2"')
    expect(updated.config.model_aliases).toEqual({ fast: 'openai/gpt-4o-mini' })
    expect(updated.jwt).toBe(first.jwt)
    expect(resolve).toHaveBeenCalledTimes(1)
  })

  it('evicts when revalidation says the key is gone', async () => {
    const clock = harness()
    const resolve = vi.fn(async () => resolvedEntry('vk_1', { now: clock.time }))
    const revalidate = vi.fn().mockRejectedValue(controlPlaneFailure('auth', 'virtual_key_revoked'))
    const cache = createAuthCache({ resolve, revalidate, now: clock.now, configRevalidateMs: 60_000 })
    await cache.get(rawKey(1))
    clock.advance(60_000)
    await cache.get(rawKey(1))
    await cache.settle()
    expect(cache.size).toBe(0)
    await expect(cache.get(rawKey(1))).rejects.toMatchObject({ code: 'virtual_key_revoked' })
  })
})

describe('createAuthCache: priming and organisation-wide eviction', () => {
  const entryFor = (vkId: string, time: number, orgId = 'org_1'): ResolvedEntry => {
    const entry = resolvedEntry(vkId, { now: time })
    return { ...entry, claims: { ...entry.claims, org_id: orgId } }
  }

  it('serves a primed key from the cache without resolving it', async () => {
    const clock = harness()
    const resolve = vi.fn<(raw: string) => Promise<ResolvedEntry>>()
    const cache = createAuthCache({ resolve, now: clock.now })
    expect(cache.prime(hashKey(rawKey(1)), entryFor('vk_1', clock.time))).toBe(true)
    expect(cache.peek(rawKey(1))).toMatchObject({ keyHash: hashKey(rawKey(1)), claims: { vk_id: 'vk_1' } })
    await expect(cache.get(rawKey(1))).resolves.toMatchObject({ claims: { vk_id: 'vk_1' } })
    expect(resolve).not.toHaveBeenCalled()
    expect(cache.size).toBe(1)
    // A primed entry is an ordinary one: the change feed evicts it by id.
    expect(cache.evictByKeyId('vk_1')).toBe(1)
  })

  it('keeps a newer answer over a snapshot: cached, in flight, or recently refused', async () => {
    const clock = harness()
    const pending = deferred<ResolvedEntry>()
    const resolve = vi.fn(async (raw: string) => {
      if (raw === rawKey(2)) return pending.promise
      if (raw === rawKey(3)) throw controlPlaneFailure('auth', 'virtual_key_revoked')
      return entryFor('vk_1', clock.time)
    })
    const cache = createAuthCache({ resolve, now: clock.now })
    const cached = await cache.get(rawKey(1))
    expect(cache.prime(hashKey(rawKey(1)), entryFor('vk_1_snapshot', clock.time))).toBe(false)
    expect(cache.peek(rawKey(1))).toBe(cached)
    const inFlight = cache.get(rawKey(2))
    expect(cache.prime(hashKey(rawKey(2)), entryFor('vk_2_snapshot', clock.time))).toBe(false)
    pending.resolve(entryFor('vk_2', clock.time))
    await expect(inFlight).resolves.toMatchObject({ claims: { vk_id: 'vk_2' } })
    await expect(cache.get(rawKey(3))).rejects.toMatchObject({ code: 'virtual_key_revoked' })
    expect(cache.prime(hashKey(rawKey(3)), entryFor('vk_3', clock.time))).toBe(false)
    clock.advance(5_001)
    expect(cache.prime(hashKey(rawKey(3)), entryFor('vk_3', clock.time))).toBe(true)
  })

  it('never evicts to make room for a primed entry', () => {
    const clock = harness()
    const cache = createAuthCache({ resolve: vi.fn(), now: clock.now, maxEntries: 2 })
    expect(cache.prime(hashKey(rawKey(1)), entryFor('vk_1', clock.time))).toBe(true)
    expect(cache.prime(hashKey(rawKey(2)), entryFor('vk_2', clock.time))).toBe(true)
    expect(cache.prime(hashKey(rawKey(3)), entryFor('vk_3', clock.time))).toBe(false)
    expect(cache.size).toBe(2)
    expect(cache.peek(rawKey(1))).toBeDefined()
  })

  it('evicts every key of one organisation and only those', () => {
    const clock = harness()
    const cache = createAuthCache({ resolve: vi.fn(), now: clock.now })
    cache.prime(hashKey(rawKey(1)), entryFor('vk_1', clock.time, 'org_a'))
    cache.prime(hashKey(rawKey(2)), entryFor('vk_2', clock.time, 'org_a'))
    cache.prime(hashKey(rawKey(3)), entryFor('vk_3', clock.time, 'org_b'))
    expect(cache.evictByOrganization('org_a')).toBe(2)
    expect(cache.size).toBe(1)
    expect(cache.peek(rawKey(1))).toBeUndefined()
    expect(cache.peek(rawKey(3))).toMatchObject({ claims: { vk_id: 'vk_3' } })
    expect(cache.evictByOrganization('org_unknown')).toBe(0)
  })
})
