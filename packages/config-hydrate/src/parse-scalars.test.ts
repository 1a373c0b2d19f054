import { describe, expect, it } from 'vitest'
import { parseKeyValues } from './parse-key-values.js'
import {
  describeRange,
  parseBoolean,
  parseEnum,
  parseInteger,
  parseList,
  parseNumber,
  parseUrl,
} from './parse-scalars.js'

const outcome = <T>(result: { ok: true; value: T } | { ok: false }) => (result.ok ? result.value : 'invalid')

describe('parseBoolean', () => {
  it('accepts true/false, 1/0, yes/no, on/off in any case', () => {
    for (const raw of ['true', 'TRUE', 'True', '1', 'yes', 'YES', 'on'])
      expect(outcome(parseBoolean(raw)), raw).toBe(true)
    for (const raw of ['false', 'FALSE', '0', 'no', 'No', 'off'])
      expect(outcome(parseBoolean(raw)), raw).toBe(false)
  })

  it('refuses anything else', () => {
    for (const raw of ['t', 'y', '2', 'enabled', 'truthy'])
      expect(outcome(parseBoolean(raw)), raw).toBe('invalid')
  })
})

describe('parseInteger and parseNumber', () => {
  it('parses integers and refuses fractions, exponents and unsafe values', () => {
    expect(outcome(parseInteger('42'))).toBe(42)
    expect(outcome(parseInteger('-7'))).toBe(-7)
    for (const raw of ['4.2', '1e3', '0x10', '12abc', '9007199254740993'])
      expect(outcome(parseInteger(raw)), raw).toBe('invalid')
  })

  it('parses finite decimals and refuses NaN, Infinity and hex', () => {
    expect(outcome(parseNumber('0.1'))).toBe(0.1)
    expect(outcome(parseNumber('.5'))).toBe(0.5)
    expect(outcome(parseNumber('1e-3'))).toBe(0.001)
    for (const raw of ['NaN', 'Infinity', '0x1', '1,5', 'abc', '1e999'])
      expect(outcome(parseNumber(raw)), raw).toBe('invalid')
  })

  it('phrases bounds for error messages', () => {
    expect(describeRange('an integer', { min: 1, max: 10 })).toBe('an integer between 1 and 10')
    expect(describeRange('a number', { min: 0 })).toBe('a number >= 0')
    expect(describeRange('a number', {})).toBe('a number')
  })
})

describe('parseList', () => {
  it('splits on commas, trims and drops empty items', () => {
    expect(outcome(parseList(' a, b,,c , '))).toEqual(['a', 'b', 'c'])
  })
})

describe('parseUrl', () => {
  const web = ['http', 'https']

  it('returns an allowed absolute URL as written', () => {
    expect(outcome(parseUrl(' http://localhost:5560 ', web))).toBe('http://localhost:5560')
    expect(outcome(parseUrl('postgres://u@db/x', ['postgres']))).toBe('postgres://u@db/x')
  })

  it('refuses relative URLs, missing schemes and other protocols', () => {
    for (const raw of ['localhost:5560', '/api', 'ftp://x', 'http//x', 'http:'])
      expect(outcome(parseUrl(raw, web)), raw).toBe('invalid')
  })
})

describe('parseEnum', () => {
  it('matches exactly, else case-insensitively, returning the listed spelling', () => {
    expect(outcome(parseEnum('info', ['debug', 'info']))).toBe('info')
    expect(outcome(parseEnum('INFO', ['debug', 'info']))).toBe('info')
    expect(outcome(parseEnum('trace', ['debug', 'info']))).toBe('invalid')
  })
})

describe('parseKeyValues', () => {
  it('parses pairs, trims, decodes percent-encoding and keeps "=" inside values', () => {
    expect(outcome(parseKeyValues('Authorization=Bearer%20abc, x-team = a ,k=v=w,'))).toEqual({
      Authorization: 'Bearer abc',
      'x-team': 'a',
      k: 'v=w',
    })
  })

  it('refuses pairs without "=", empty keys and bad percent-encoding', () => {
    for (const raw of ['novalue', '=v', 'k=%zz']) expect(outcome(parseKeyValues(raw)), raw).toBe('invalid')
  })

  it('keeps a __proto__ key as a plain property', () => {
    const value = outcome(parseKeyValues('__proto__=x'))
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype)
    expect(Object.keys(value)).toEqual(['__proto__'])
  })
})
