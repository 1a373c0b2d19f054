import { describe, expect, it } from 'vitest'
import { headersForBody, upstreamBodyLength, wholeBody } from './upstream-body.js'

const pieces = [Buffer.from('{"a":'), Buffer.from('"é"'), Buffer.from('}')]

describe('upstream bodies', () => {
  it('counts the bytes of a buffer or of its pieces', () => {
    expect(upstreamBodyLength(Buffer.from('{}'))).toBe(2)
    expect(upstreamBodyLength(pieces)).toBe(10)
    expect(upstreamBodyLength([])).toBe(0)
  })

  it('joins pieces, and hands a single buffer back as it is', () => {
    expect(wholeBody(pieces).toString()).toBe('{"a":"é"}')
    const one = Buffer.from('{}')
    expect(wholeBody(one)).toBe(one)
    expect(wholeBody(undefined)).toBeUndefined()
  })

  it('states the length of a body in pieces and leaves other headers alone', () => {
    const headers = ['content-type', 'application/json']
    expect(headersForBody(headers, pieces)).toEqual([...headers, 'content-length', '10'])
    expect(headersForBody(headers, Buffer.from('{}'))).toBe(headers)
    expect(headersForBody(headers, undefined)).toBe(headers)
    expect(headers).toHaveLength(2)
  })
})
