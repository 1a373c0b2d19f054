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
})
