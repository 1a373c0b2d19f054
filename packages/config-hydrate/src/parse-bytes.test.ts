import { describe, expect, it } from 'vitest'
import { parseBytes } from './parse-bytes.js'

const bytes = (raw: string) => {
  const result = parseBytes(raw)
  return result.ok ? result.value : 'invalid'
}

describe('parseBytes', () => {
  it('reads a bare integer as bytes', () => {
    expect(bytes('33554432')).toBe(33_554_432)
    expect(bytes('0')).toBe(0)
  })

  it('reads binary suffixes as powers of 1024', () => {
    expect(bytes('32MiB')).toBe(33_554_432)
    expect(bytes('512KiB')).toBe(524_288)
    expect(bytes('1GiB')).toBe(1_073_741_824)
    expect(bytes('512Mi')).toBe(536_870_912)
    expect(bytes('1TiB')).toBe(1024 ** 4)
  })

  it('reads decimal suffixes as powers of 1000, case-insensitively and with a space', () => {
    expect(bytes('10MB')).toBe(10_000_000)
    expect(bytes('10mb')).toBe(10_000_000)
    expect(bytes('1 GB')).toBe(1_000_000_000)
    expect(bytes('1.1MB')).toBe(1_100_000)
    expect(bytes('100B')).toBe(100)
  })

  it('accepts a fraction with a unit when the result is whole', () => {
    expect(bytes('1.5KiB')).toBe(1_536)
  })

  it('refuses non-integers, negatives, ambiguous or unknown units and garbage', () => {
    for (const raw of ['1.5', '1.0', '0.3KiB', '-1', '10M', '10K', '10XB', 'MiB', 'ten', '1e6', '']) {
      expect(bytes(raw), raw).toBe('invalid')
    }
  })
})
