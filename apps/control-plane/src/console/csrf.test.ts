import { describe, expect, it } from 'vitest'
import { isCsrfTokenValid, isSameOrigin } from './csrf.js'

describe('isCsrfTokenValid', () => {
  it('accepts only the exact token', () => {
    expect(isCsrfTokenValid('abc123', 'abc123')).toBe(true)
    expect(isCsrfTokenValid('abc123', 'abc124')).toBe(false)
    expect(isCsrfTokenValid('abc123', 'abc1234')).toBe(false)
    expect(isCsrfTokenValid('abc123', '')).toBe(false)
    expect(isCsrfTokenValid('abc123', undefined)).toBe(false)
    expect(isCsrfTokenValid('abc123', ['abc123'])).toBe(false)
  })
})

describe('isSameOrigin', () => {
  it('accepts a missing Origin and the same host, refuses another host, "null" and garbage', () => {
    expect(isSameOrigin(undefined, 'http://127.0.0.1:5560/console/keys')).toBe(true)
    expect(isSameOrigin('http://127.0.0.1:5560', 'http://127.0.0.1:5560/console/keys')).toBe(true)
    expect(isSameOrigin('http://127.0.0.1:5561', 'http://127.0.0.1:5560/console/keys')).toBe(false)
    expect(isSameOrigin('https://evil.example', 'http://127.0.0.1:5560/console/keys')).toBe(false)
    expect(isSameOrigin('null', 'http://127.0.0.1:5560/console/keys')).toBe(false)
    expect(isSameOrigin('not a url', 'http://127.0.0.1:5560/console/keys')).toBe(false)
  })
})
