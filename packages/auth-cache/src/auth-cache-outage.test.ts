import { describe, expect, it, vi } from 'vitest'
import { createAuthCache, type ResolvedEntry } from './auth-cache.js'
import { controlPlaneFailure, harness, rawKey, resolvedEntry } from './test-utils/fixtures.js'

const outage = () => controlPlaneFailure('transport', 'auth_upstream_unavailable')

function setup(options: { hardGraceMs?: number; softBumpMs?: number } = {}) {
  const clock = harness()
  const resolve = vi.fn<(raw: string) => Promise<ResolvedEntry>>()
  resolve.mockResolvedValueOnce(resolvedEntry('vk_1', { now: clock.time, ttlSeconds: 900 }))
  const cache = createAuthCache({
    resolve,
    now: clock.now,
    refreshBeforeExpiryMs: 0,
    hardGraceMs: options.hardGraceMs ?? 300_000,
    softBumpMs: options.softBumpMs ?? 30_000,
    onEvent: clock.onEvent,
  })
  return { clock, resolve, cache }
}

describe('createAuthCache: stale-while-error', () => {
  it('serves the stale entry when the refresh after exp fails for transport reasons', async () => {
    const { clock, resolve, cache } = setup()
    const first = await cache.get(rawKey(1))
    clock.advance(900_000)
    resolve.mockRejectedValue(outage())
    expect(await cache.get(rawKey(1))).toBe(first)
    expect(resolve).toHaveBeenCalledTimes(2)
    expect(clock.count('stale')).toBe(1)
    expect(clock.count('refresh_error')).toBe(1)
  })

  it('does not retry within the soft bump, then retries in the background while serving stale', async () => {
    const { clock, resolve, cache } = setup({ softBumpMs: 30_000 })
    const first = await cache.get(rawKey(1))
    clock.advance(900_000)
    resolve.mockRejectedValue(outage())
    await cache.get(rawKey(1)) // fails, bumps soft expiry to exp + 30 s
    clock.advance(29_999)
    expect(await cache.get(rawKey(1))).toBe(first)
    expect(resolve).toHaveBeenCalledTimes(2)
    clock.advance(1)
    expect(await cache.get(rawKey(1))).toBe(first) // served at once, retry runs behind it
    expect(resolve).toHaveBeenCalledTimes(3)
    await cache.settle()
    resolve.mockResolvedValueOnce(resolvedEntry('vk_1', { now: clock.time, revision: '2' }))
    clock.advance(30_000)
    expect(await cache.get(rawKey(1))).toBe(first)
    await cache.settle()
    expect((await cache.get(rawKey(1))).claims.revision).toBe('2')
  })

  it('never serves past exp + hard grace', async () => {
    const { clock, resolve, cache } = setup({ hardGraceMs: 60_000, softBumpMs: 50_000 })
    await cache.get(rawKey(1))
    clock.advance(900_000)
    resolve.mockRejectedValue(outage())
    await cache.get(rawKey(1))
    clock.advance(50_000) // soft window over: background retry, still within hard grace
    await cache.get(rawKey(1))
    await cache.settle()
    clock.advance(10_000) // exactly exp + hard grace
    await expect(cache.get(rawKey(1))).rejects.toMatchObject({
      code: 'auth_upstream_unavailable',
      status: 503,
    })
    expect(cache.size).toBe(0)
  })

  it('fails hard at exp when hard grace is 0', async () => {
    const { clock, resolve, cache } = setup({ hardGraceMs: 0 })
    await cache.get(rawKey(1))
    clock.advance(900_000)
    resolve.mockRejectedValue(new Error('ECONNREFUSED'))
    await expect(cache.get(rawKey(1))).rejects.toMatchObject({ code: 'auth_upstream_unavailable' })
    expect(cache.size).toBe(0)
  })

  it('keeps a still-fresh entry when a background refresh fails, and backs off', async () => {
    const clock = harness()
    const resolve = vi.fn<(raw: string) => Promise<ResolvedEntry>>()
    resolve.mockResolvedValueOnce(resolvedEntry('vk_1', { now: clock.time }))
    const cache = createAuthCache({
      resolve,
      now: clock.now,
      refreshBeforeExpiryMs: 60_000,
      softBumpMs: 30_000,
    })
    const first = await cache.get(rawKey(1))
    clock.advance(850_000)
    resolve.mockRejectedValue(outage())
    expect(await cache.get(rawKey(1))).toBe(first)
    await cache.settle()
    expect(await cache.get(rawKey(1))).toBe(first)
    await cache.settle()
    expect(resolve).toHaveBeenCalledTimes(2) // the failure backs off for the soft bump
    clock.advance(30_000)
    await cache.get(rawKey(1))
    expect(resolve).toHaveBeenCalledTimes(3)
  })

  it('reports a cold key during an outage as auth_upstream_unavailable and does not cache that', async () => {
    const clock = harness()
    const resolve = vi.fn<(raw: string) => Promise<ResolvedEntry>>().mockRejectedValue(outage())
    const cache = createAuthCache({ resolve, now: clock.now })
    await expect(cache.get(rawKey(1))).rejects.toMatchObject({ code: 'auth_upstream_unavailable' })
    resolve.mockResolvedValueOnce(resolvedEntry('vk_1', { now: clock.time }))
    await expect(cache.get(rawKey(1))).resolves.toMatchObject({ claims: { vk_id: 'vk_1' } })
  })
})
