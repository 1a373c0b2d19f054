import { describe, expect, it } from 'vitest'
import { createStickySessions } from './sticky-sessions.js'

describe('createStickySessions', () => {
  it('forgets the least recently used session past maxEntries (recency to a tenth of the TTL)', () => {
    const sticky = createStickySessions({ maxEntries: 2, ttlMs: 100 })
    sticky.set('a', 'p1', 0)
    sticky.set('b', 'p2', 0)
    // Used after a tenth of the TTL: 'a' becomes the most recently used.
    expect(sticky.get('a', 20)).toBe('p1')
    sticky.set('c', 'p3', 21)
    expect(sticky.get('b', 22)).toBeUndefined()
    expect(sticky.get('a', 22)).toBe('p1')
    expect(sticky.size).toBe(2)
  })

  it('expires a session unused for longer than the TTL', () => {
    const sticky = createStickySessions({ ttlMs: 1_000 })
    sticky.set('a', 'p1', 0)
    expect(sticky.get('a', 900)).toBe('p1')
    expect(sticky.get('a', 1_800)).toBe('p1')
    expect(sticky.get('a', 2_801)).toBeUndefined()
  })
})
