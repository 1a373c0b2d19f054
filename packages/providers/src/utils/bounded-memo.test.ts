import { describe, expect, it } from 'vitest'
import { boundedMemo } from './bounded-memo.js'

describe('boundedMemo', () => {
  it('computes each key once while the memo holds it', () => {
    const calls: string[] = []
    const upper = boundedMemo(4, (key) => {
      calls.push(key)
      return key.toUpperCase()
    })
    expect([upper('a'), upper('b'), upper('a'), upper('b')]).toEqual(['A', 'B', 'A', 'B'])
    expect(calls).toEqual(['a', 'b'])
  })

  it('remembers undefined results too', () => {
    let calls = 0
    const nothing = boundedMemo(4, () => {
      calls += 1
      return undefined
    })
    nothing('x')
    nothing('x')
    expect(calls).toBe(1)
  })

  it('starts over once full, and stays correct', () => {
    const calls: string[] = []
    const same = boundedMemo(2, (key) => {
      calls.push(key)
      return key
    })
    for (const key of ['a', 'b', 'c', 'a', 'c']) expect(same(key)).toBe(key)
    // 'c' emptied the memo (a, b forgotten); 'a' is computed again, 'c' was kept.
    expect(calls).toEqual(['a', 'b', 'c', 'a'])
  })

  it('does not remember a throw', () => {
    let fail = true
    const flaky = boundedMemo(4, (key) => {
      if (fail) throw new Error('not yet')
      return key
    })
    expect(() => flaky('k')).toThrow('not yet')
    fail = false
    expect(flaky('k')).toBe('k')
  })

  it('refuses a bound below 1', () => {
    expect(() => boundedMemo(0, (key) => key)).toThrow(RangeError)
  })
})
