import { describe, expect, it } from 'vitest'
import { SecondChanceMap } from './second-chance-map.js'

describe('SecondChanceMap', () => {
  it('holds exactly maxSize entries once full, evicting the oldest unread one', () => {
    const evicted: string[] = []
    const map = new SecondChanceMap<string, number>({
      maxSize: 3,
      onEviction: (key) => evicted.push(key),
    })
    for (const [index, key] of ['a', 'b', 'c', 'd', 'e'].entries()) map.set(key, index)
    expect(map.size).toBe(3)
    expect(evicted).toEqual(['a', 'b'])
    expect([...map.keys()]).toEqual(['c', 'd', 'e'])
  })

  it('gives a read entry one more round and keeps a hot key through many insertions', () => {
    const map = new SecondChanceMap<string, number>({ maxSize: 3 })
    map.set('hot', 0)
    for (let index = 1; index <= 50; index++) {
      expect(map.get('hot')).toBe(0)
      map.set(`cold-${index}`, index)
    }
    expect(map.peek('hot')).toBe(0)
    expect(map.size).toBe(3)
  })

  it('evicts a full map of read entries in insertion order after one round', () => {
    const evicted: string[] = []
    const map = new SecondChanceMap<string, number>({ maxSize: 2, onEviction: (key) => evicted.push(key) })
    map.set('a', 1)
    map.set('b', 2)
    map.get('a')
    map.get('b')
    map.set('c', 3)
    expect(evicted).toEqual(['a'])
    expect([...map.keys()].sort()).toEqual(['b', 'c'])
  })

  it('replaces in place, peeks without marking, and deletes without reporting an eviction', () => {
    const evicted: string[] = []
    const map = new SecondChanceMap<string, number>({ maxSize: 2, onEviction: (key) => evicted.push(key) })
    map.set('a', 1)
    map.set('a', 2)
    expect(map.size).toBe(1)
    map.set('b', 3)
    expect(map.peek('a')).toBe(2)
    expect(map.delete('b')).toBe(true)
    expect(map.delete('b')).toBe(false)
    map.set('c', 4)
    map.set('d', 5) // 'a' was replaced (counts as read) so it survives; 'c' goes
    expect(evicted).toEqual(['c'])
  })

  it('refuses a size bound that is not a positive integer', () => {
    expect(() => new SecondChanceMap({ maxSize: 0 })).toThrow(/positive integer/)
    expect(() => new SecondChanceMap({ maxSize: 1.5 })).toThrow(/positive integer/)
  })
})
