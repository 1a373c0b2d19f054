import { describe, expect, it } from 'vitest'
import { createStickySessions } from './sticky-sessions.js'

describe('createStickySessions', () => {
  it('forgets the least recently used session past maxEntries', () => {
    const sticky = createStickySessions({ maxEntries: 2 })
    sticky.set('a', 'p1')
    sticky.set('b', 'p2')
    expect(sticky.get('a')).toBe('p1')
    sticky.set('c', 'p3')
    expect(sticky.get('b')).toBeUndefined()
    expect(sticky.get('a')).toBe('p1')
    expect(sticky.size).toBe(2)
  })

  it('expires a session unused for longer than the TTL', () => {
    let now = 0
    const sticky = createStickySessions({ ttlMs: 1_000, now: () => now })
    sticky.set('a', 'p1')
    now = 900
    expect(sticky.get('a')).toBe('p1')
    now = 1_800
    expect(sticky.get('a')).toBe('p1')
    now = 2_801
    expect(sticky.get('a')).toBeUndefined()
  })
})
