// Unit tests of the JSON start sniff used on decoded request bodies.
import { describe, expect, it } from 'vitest'
import { firstByteHex, jsonStart } from './json-start.js'

describe('jsonStart', () => {
  it('accepts every byte a JSON value can start with, after RFC 8259 whitespace', () => {
    for (const text of ['{}', '[1]', '"s"', '-1', '0', '9', 'true', 'false', 'null', ' \t\r\n{']) {
      expect(jsonStart(Buffer.from(text)), text).toBe('possible')
    }
  })

  it('refuses zero bytes, a BOM, letters and other punctuation', () => {
    for (const bytes of [Buffer.alloc(4), Buffer.from('\uFEFF{}'), Buffer.from('x'), Buffer.from('  }')]) {
      expect(jsonStart(bytes), bytes.toString('hex')).toBe('impossible')
    }
  })

  it('stays undecided on whitespace only and on an empty chunk', () => {
    expect(jsonStart(Buffer.from(' \n\t'))).toBe('undecided')
    expect(jsonStart(Buffer.alloc(0))).toBe('undecided')
  })

  it('names the first non-whitespace byte', () => {
    expect(firstByteHex(Buffer.from('  \u0001'))).toBe('0x01')
    expect(firstByteHex(Buffer.alloc(3))).toBe('0x00')
  })
})
