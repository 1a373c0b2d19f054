import { describe, expect, it } from 'vitest'
import { readPlainJsonObject } from './small-json.js'

/** What JSON.parse makes of the same text, or undefined when it throws. */
function parsed(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** Same values, same key order at every level. */
function expectSameAsJsonParse(text: string): void {
  const mine = readPlainJsonObject(Buffer.from(text), 0)
  expect(mine).toEqual(parsed(text))
  expect(JSON.stringify(mine)).toBe(JSON.stringify(parsed(text)))
}

// A seeded generator of usage-like objects: the shapes providers send, with spacing variations.
function* usageLike(count: number): Generator<string> {
  let seed = 7
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff
    return seed % n
  }
  const keys = ['prompt_tokens', 'completion_tokens', 'input_tokens', 'cached_tokens', 'a', 'k9', '0', 'x y']
  const space = () => [' ', '', '\n', '\t', '\r\n  '][next(5)]
  const value = (depth: number): string => {
    const kind = next(depth > 2 ? 5 : 7)
    if (kind === 0) return String(next(1_000_000))
    if (kind === 1) return `-${next(99)}`
    if (kind === 2) return ['true', 'false', 'null'][next(3)]!
    if (kind === 3) return `"${['standard', '', 'TEXT', 'a b'][next(4)]}"`
    if (kind === 4) return String(next(10))
    if (kind === 5) return object(depth + 1)
    return `[${Array.from({ length: next(3) }, () => value(depth + 1)).join(`,${space()}`)}]`
  }
  const object = (depth: number): string =>
    `{${space()}${Array.from({ length: next(5) }, () => `"${keys[next(keys.length)]}"${space()}:${space()}${value(depth)}`).join(`${space()},${space()}`)}${space()}}`
  for (let index = 0; index < count; index++) yield object(0)
}

describe('readPlainJsonObject', () => {
  it('reads plain objects exactly as JSON.parse does, keys in order, over 2,000 generated ones', () => {
    for (const text of usageLike(2_000)) expectSameAsJsonParse(text)
  })

  it('reads a real usage object, and again with its keys taken from the table', () => {
    const text =
      '{"prompt_tokens":15,"completion_tokens":2,"total_tokens":17,"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":0}}'
    expectSameAsJsonParse(text)
    expectSameAsJsonParse(text.replace('15', '16'))
  })

  it('stops at the end of its object and reads from an offset', () => {
    const raw = Buffer.from('xx{"a":1,"b":{"c":[1,2]}} , "rest":9}')
    expect(readPlainJsonObject(raw, 2)).toEqual({ a: 1, b: { c: [1, 2] } })
  })

  it('keeps duplicate keys as JSON.parse does (last value, first position)', () => {
    expectSameAsJsonParse('{"a":1,"b":2,"a":3}')
  })

  it('reads -0, 0 and 15-digit integers exactly', () => {
    expect(Object.is(readPlainJsonObject(Buffer.from('{"a":-0}'), 0)?.a, -0)).toBe(true)
    expectSameAsJsonParse('{"a":0,"b":999999999999999,"c":-123456789012345}')
  })

  it.each([
    ['an escape in a string', '{"a":"x\\"y"}'],
    ['an escape in a key', '{"a\\u0062":1}'],
    ['non-ASCII text', '{"a":"é"}'],
    ['a fraction', '{"a":1.5}'],
    ['an exponent', '{"a":1e3}'],
    ['a 16-digit integer', '{"a":1234567890123456}'],
    ['a leading zero (invalid JSON)', '{"a":01}'],
    ['a trailing comma (invalid JSON)', '{"a":1,}'],
    ['a missing colon', '{"a" 1}'],
    ['an unterminated object', '{"a":1'],
    ['a misspelt literal', '{"a":tru}'],
    ['a __proto__ key', '{"__proto__":{"polluted":1}}'],
    ['nesting past 8 levels', `${'{"a":'.repeat(9)}1${'}'.repeat(9)}`],
    ['a bare value', '[1,2]'],
  ])('leaves %s to JSON.parse', (_name, text) => {
    expect(readPlainJsonObject(Buffer.from(text), 0)).toBeUndefined()
  })
})
