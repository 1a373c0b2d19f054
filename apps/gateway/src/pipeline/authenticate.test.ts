import type { AuthCache, CachedKey } from '@gw/auth-cache'
import { hashKey } from '@gw/auth-cache'
import { describe, expect, it, vi } from 'vitest'
import { createAuthenticator, sameKey } from './authenticate.js'

const keyA = 'lw_vk_live_01JAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'
const keyB = 'lw_vk_live_01JBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB'

function cached(raw: string): CachedKey {
  return { keyHash: hashKey(raw), claims: { org_id: 'o1', revision: '1' } } as unknown as CachedKey
}

// An auth cache holding keyA and keyB (until `revoke`), counting how each was looked up.
function fakeCache() {
  const entries = new Map([keyA, keyB].map((raw) => [hashKey(raw), cached(raw)]))
  const cache = {
    peek: vi.fn((raw: string) => entries.get(hashKey(raw))),
    peekHashed: vi.fn((hash: string) => entries.get(hash)),
    needsLookup: vi.fn(() => false),
    get: vi.fn(async (raw: string) => {
      const entry = entries.get(hashKey(raw))
      if (entry === undefined) throw new Error('revoked')
      return entry
    }),
  }
  return { cache, revoke: (raw: string) => entries.delete(hashKey(raw)) }
}

const headers = (raw: string) => ({ authorization: `Bearer ${raw}` })

describe('authenticate', () => {
  it('hashes a connection’s key once: its next requests with the same key look it up by the remembered hash', async () => {
    const { cache } = fakeCache()
    const authenticate = createAuthenticator({ cache: cache as unknown as AuthCache })
    const socket = {}
    const first = await authenticate(headers(keyA), '127.0.0.1', socket)
    const second = await authenticate(headers(keyA), '127.0.0.1', socket)
    expect(second).toBe(first)
    expect(cache.peek).toHaveBeenCalledTimes(1)
    expect(cache.peekHashed).toHaveBeenCalledWith(hashKey(keyA))
  })

  it('looks up another key on the same connection by that key, never by the remembered one', async () => {
    const { cache } = fakeCache()
    const authenticate = createAuthenticator({ cache: cache as unknown as AuthCache })
    const socket = {}
    await authenticate(headers(keyA), undefined, socket)
    const other = await authenticate(headers(keyB), undefined, socket)
    expect(other.keyHash).toBe(hashKey(keyB))
    expect(cache.peek).toHaveBeenLastCalledWith(keyB)
    expect(cache.peekHashed).not.toHaveBeenCalled()
    // keyB is now the connection's key; keyA is hashed again if it comes back.
    await authenticate(headers(keyB), undefined, socket)
    expect(cache.peekHashed).toHaveBeenLastCalledWith(hashKey(keyB))
  })

  it('refuses a remembered key once the cache dropped it (revoked), through the full lookup', async () => {
    const { cache, revoke } = fakeCache()
    const authenticate = createAuthenticator({ cache: cache as unknown as AuthCache })
    const socket = {}
    await authenticate(headers(keyA), undefined, socket)
    revoke(keyA)
    await expect(authenticate(headers(keyA), undefined, socket)).rejects.toThrow('revoked')
    expect(cache.get).toHaveBeenCalledWith(keyA)
  })

  it('returns a cache hit as a value and refuses a missing key at once (no promise on the hot path)', async () => {
    const { cache } = fakeCache()
    const authenticate = createAuthenticator({ cache: cache as unknown as AuthCache })
    const hit = authenticate(headers(keyA), undefined, {})
    expect(hit).not.toBeInstanceOf(Promise)
    expect((hit as CachedKey).keyHash).toBe(hashKey(keyA))
    expect(() => authenticate({})).toThrow(expect.objectContaining({ code: 'invalid_api_key' }))
    const unknown = 'lw_vk_live_01JCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC'
    const miss = authenticate(headers(unknown))
    expect(miss).toBeInstanceOf(Promise)
    await expect(miss).rejects.toThrow('revoked')
  })

  it('takes the same Authorization header again for the same key, and a new header for what it says', async () => {
    const { cache } = fakeCache()
    const authenticate = createAuthenticator({ cache: cache as unknown as AuthCache })
    const socket = {}
    await authenticate(headers(keyA), undefined, socket)
    // Another spelling of the same key: extracted again, then found by the remembered hash.
    const respelled = await authenticate({ authorization: `bearer   ${keyA} ` }, undefined, socket)
    expect(respelled.keyHash).toBe(hashKey(keyA))
    expect(cache.peek).toHaveBeenCalledTimes(1)
    // A header that is no bearer key hands over to x-api-key, whatever the connection sent before.
    const viaApiKey = await authenticate({ authorization: 'Basic abc', 'x-api-key': keyB }, undefined, socket)
    expect(viaApiKey.keyHash).toBe(hashKey(keyB))
    expect(cache.peek).toHaveBeenLastCalledWith(keyB)
  })

  it('remembers an x-api-key client by its key, and lets a later Authorization header win', async () => {
    const { cache } = fakeCache()
    const authenticate = createAuthenticator({ cache: cache as unknown as AuthCache })
    const socket = {}
    await authenticate({ 'x-api-key': keyA }, undefined, socket)
    await authenticate({ 'x-api-key': keyA }, undefined, socket)
    expect(cache.peek).toHaveBeenCalledTimes(1)
    expect(cache.peekHashed).toHaveBeenLastCalledWith(hashKey(keyA))
    const both = await authenticate({ 'x-api-key': keyA, ...headers(keyB) }, undefined, socket)
    expect(both.keyHash).toBe(hashKey(keyB))
  })

  it('keeps nothing without a connection, and nothing across connections', async () => {
    const { cache } = fakeCache()
    const authenticate = createAuthenticator({ cache: cache as unknown as AuthCache })
    await authenticate(headers(keyA))
    await authenticate(headers(keyA))
    await authenticate(headers(keyA), undefined, {})
    await authenticate(headers(keyA), undefined, {})
    expect(cache.peek).toHaveBeenCalledTimes(4)
    expect(cache.peekHashed).not.toHaveBeenCalled()
  })
})

describe('sameKey', () => {
  it('is true for equal keys only', () => {
    expect(sameKey(keyA, `${keyA}`)).toBe(true)
    expect(sameKey(keyA, keyB)).toBe(false)
    expect(sameKey(keyA, `${keyA.slice(0, -1)}B`)).toBe(false)
    expect(sameKey(keyA, keyA.slice(0, -1))).toBe(false)
    expect(sameKey('', '')).toBe(true)
  })
})
