import { describe, expect, it } from 'vitest'
import { type CachedResponse, sizeOfEntry } from './cached-response.js'
import { createMemoryResponseStore } from './memory-store.js'

const entry = (bytes: number): CachedResponse => ({
  meta: {
    wire: 'openai-chat',
    status: 200,
    contentType: 'application/json',
    providerId: 'p',
    model: 'm',
    storedAtMs: 0,
  },
  body: Buffer.alloc(bytes, 120),
})

describe('createMemoryResponseStore', () => {
  it('stays within its byte bound, evicting the least recently used first', () => {
    const size = sizeOfEntry(entry(1_000))
    const store = createMemoryResponseStore({ maxBytes: size * 3 })
    store.set('a', entry(1_000), 60_000)
    store.set('b', entry(1_000), 60_000)
    store.set('c', entry(1_000), 60_000)
    expect(store.get('a')).toBeDefined() // a is now the most recent
    store.set('d', entry(1_000), 60_000)
    expect(store.bytes).toBeLessThanOrEqual(size * 3)
    expect(store.get('b')).toBeUndefined()
    expect(store.get('a')).toBeDefined()
    expect(store.get('d')).toBeDefined()
  })

  it('never stores an entry larger than the whole bound', () => {
    const store = createMemoryResponseStore({ maxBytes: 500 })
    store.set('big', entry(1_000), 60_000)
    expect(store.size).toBe(0)
    expect(store.bytes).toBe(0)
  })

  it('drops entries past their TTL and accounts a replaced entry once', () => {
    let now = 0
    const store = createMemoryResponseStore({ maxBytes: 1_000_000, now: () => now })
    store.set('a', entry(10), 1_000)
    store.set('a', entry(20), 1_000)
    expect(store.bytes).toBe(sizeOfEntry(entry(20)))
    now = 999
    expect(store.get('a')?.body.length).toBe(20)
    now = 2_000
    expect(store.get('a')).toBeUndefined()
    expect(store.bytes).toBe(0)
  })
})
