import { describe, expect, it } from 'vitest'
import { scanRecordsArray } from './scan-records-array.js'

const elements = (text: string) => scanRecordsArray(text).map((span) => text.slice(span.start, span.end))

describe('scanRecordsArray', () => {
  it('returns each element of records, skipping other fields and brackets inside strings', () => {
    const text =
      ' { "meta": {"a": [1, {"b": "]}"}]}, "records" : [ {"x":"a\\"]"} , 7,"s", [1,[2]] ,null ], "z": true } '
    expect(elements(text)).toEqual(['{"x":"a\\"]"}', '7', '"s"', '[1,[2]]', 'null'])
  })

  it('handles escaped backslashes before a closing quote', () => {
    expect(elements('{"records":[{"p":"c:\\\\"},{"q":1}]}')).toEqual(['{"p":"c:\\\\"}', '{"q":1}'])
  })

  it('leaves the content of an element to the caller, so a bad literal is found per record', () => {
    expect(elements('{"records":[{"a":tru},{"b":2}]}')).toEqual(['{"a":tru}', '{"b":2}'])
  })

  it('returns no spans for an empty array', () => {
    expect(scanRecordsArray('{"records":[]}')).toEqual([])
  })

  it.each([
    ['not an object', '[1]'],
    ['an unterminated array', '{"records":[{"a":1}'],
    ['an unterminated string', '{"records":["abc]}'],
    ['a missing comma', '{"records":[1 2]}'],
    ['trailing text', '{"records":[1]} x'],
  ])('refuses %s as invalid_json', (_what, text) => {
    expect(() => scanRecordsArray(text)).toThrowError(expect.objectContaining({ code: 'invalid_json' }))
  })

  it.each([
    ['missing', '{"rows":[1]}'],
    ['not an array', '{"records":{"a":1}}'],
    ['given twice', '{"records":[1],"records":[2]}'],
  ])('refuses records %s as bad_request naming the field', (_what, text) => {
    expect(() => scanRecordsArray(text)).toThrowError(
      expect.objectContaining({ code: 'bad_request', meta: { field: 'records' } }),
    )
  })
})
