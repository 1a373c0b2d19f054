import { describe, expect, it } from 'vitest'
import * as Byte from './json-bytes.js'

describe('json-bytes', () => {
  it("holds each structural character's byte", () => {
    const actual = [
      Byte.QUOTE,
      Byte.BACKSLASH,
      Byte.COMMA,
      Byte.COLON,
      Byte.OPEN_BRACE,
      Byte.CLOSE_BRACE,
      Byte.OPEN_BRACKET,
      Byte.CLOSE_BRACKET,
    ]
    expect(actual).toEqual([...Buffer.from('"\\,:{}[]')])
  })
})
