import { describe, expect, it } from 'vitest'
import { parseJsonObject } from './parse-json-object.js'

function failure(text: string): { code: string; status: number; message: string } {
  try {
    parseJsonObject(Buffer.from(text))
  } catch (error) {
    return error as { code: string; status: number; message: string }
  }
  throw new Error('expected parseJsonObject to throw')
}

describe('parseJsonObject', () => {
  it('parses a JSON object', () => {
    expect(parseJsonObject(Buffer.from('{"model":"gpt-4o","n":1}'))).toEqual({ model: 'gpt-4o', n: 1 })
  })

  it('answers 400 invalid_json naming the position of a syntax error', () => {
    const error = failure('{"model": "gpt-4o",, }')
    expect(error).toMatchObject({ code: 'invalid_json', status: 400 })
    expect(error.message).toMatch(/position \d+/)
  })

  it('answers 400 invalid_json for an empty body', () => {
    expect(failure('')).toMatchObject({ code: 'invalid_json', status: 400 })
  })

  it('answers 400 bad_request for JSON that is not an object', () => {
    expect(failure('[1,2]')).toMatchObject({
      code: 'bad_request',
      status: 400,
      message: expect.stringContaining('an array'),
    })
    expect(failure('null').message).toContain('null')
    expect(failure('"text"').message).toContain('a string')
  })
})
