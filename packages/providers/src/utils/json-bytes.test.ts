import { describe, expect, it } from 'vitest'
import * as Byte from './json-bytes.js'

describe('json-bytes', () => {
  it("holds each structural character's byte", () => {
    const expected = {
      QUOTE: '"',
      BACKSLASH: '\\',
      COMMA: ',',
      COLON: ':',
      OPEN_BRACE: '{',
      CLOSE_BRACE: '}',
    }
    for (const [name, char] of Object.entries(expected))
      expect(Byte[name as keyof typeof Byte], name).toBe(char.charCodeAt(0))
    expect([Byte.OPEN_BRACKET, Byte.CLOSE_BRACKET]).toEqual([...Buffer.from('[]')])
  })
})
