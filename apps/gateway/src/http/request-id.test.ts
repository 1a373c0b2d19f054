import { describe, expect, it } from 'vitest'
import { acceptRequestId, createRequestIdGenerator } from './request-id.js'

describe('acceptRequestId', () => {
  it('keeps 1-128 characters of letters, digits and ._:-', () => {
    expect(acceptRequestId('abc.DEF_1:2-3')).toBe('abc.DEF_1:2-3')
    expect(acceptRequestId('x'.repeat(128))).toBe('x'.repeat(128))
  })

  it('refuses empty, too long, repeated or unsafe ids', () => {
    for (const value of ['', 'x'.repeat(129), 'a b', 'a\nb', 'é', '<script>', 'a,b']) {
      expect(acceptRequestId(value)).toBeUndefined()
    }
    expect(acceptRequestId(['a', 'b'])).toBeUndefined()
    expect(acceptRequestId(undefined)).toBeUndefined()
  })
})

describe('createRequestIdGenerator', () => {
  it('mints strictly increasing req_ ULIDs', () => {
    const next = createRequestIdGenerator()
    const ids = Array.from({ length: 1000 }, next)
    for (const id of ids) expect(id).toMatch(/^req_[0-9A-HJKMNP-TV-Z]{26}$/)
    expect([...ids].sort()).toEqual(ids)
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('keeps ids increasing within one millisecond, across a carry and when the clock steps back', () => {
    let clock = 1_700_000_000_000
    const next = createRequestIdGenerator(() => clock)
    const ids = Array.from({ length: 5000 }, next) // 5,000 in one ms: many carries out of the last digit
    clock -= 5
    ids.push(next(), next())
    clock += 10
    ids.push(next())
    expect([...ids].sort()).toEqual(ids)
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids.at(-1)?.slice(4, 14)).not.toBe(ids[0]?.slice(4, 14)) // a later millisecond re-encodes the time
  })

  it('encodes the time part as a ULID does (48-bit ms, Crockford base32)', () => {
    const next = createRequestIdGenerator(() => 1_469_918_176_385)
    expect(next().slice(4, 14)).toBe('01ARYZ6S41')
  })
})
