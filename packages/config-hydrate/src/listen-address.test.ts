import { describe, expect, it } from 'vitest'
import { formatHostPort, isLoopbackHost, parseListenAddress } from './listen-address.js'

describe('parseListenAddress', () => {
  it.each([
    [':5563', { host: undefined, port: 5563 }],
    ['0.0.0.0:6060', { host: '0.0.0.0', port: 6060 }],
    ['127.0.0.1:0', { host: '127.0.0.1', port: 0 }],
    ['localhost:80', { host: 'localhost', port: 80 }],
    ['[::1]:6060', { host: '::1', port: 6060 }],
    ['[::]:6060', { host: '::', port: 6060 }],
  ])('parses %s', (addr, expected) => {
    expect(parseListenAddress(addr)).toEqual(expected)
  })

  it.each(['5563', 'host', ':99999', '::1:6060', '[nope]:1', 'a:b', ''])('refuses %j', (addr) => {
    expect(parseListenAddress(addr)).toBeUndefined()
  })
})

describe('isLoopbackHost', () => {
  it('accepts 127.0.0.0/8, ::1 and localhost only', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', '::1', 'localhost', 'LOCALHOST'])
      expect(isLoopbackHost(host)).toBe(true)
    for (const host of [undefined, '0.0.0.0', '::', '10.0.0.1', '127.example.com'])
      expect(isLoopbackHost(host)).toBe(false)
  })
})

describe('formatHostPort', () => {
  it('brackets IPv6 hosts', () => {
    expect(formatHostPort('::1', 1)).toBe('[::1]:1')
    expect(formatHostPort('10.0.0.1', 1)).toBe('10.0.0.1:1')
  })
})
