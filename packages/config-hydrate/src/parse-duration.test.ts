import { describe, expect, it } from 'vitest'
import { parseDuration } from './parse-duration.js'

const ms = (raw: string, unit?: 'ms' | 's') => {
  const result = parseDuration(raw, unit)
  return result.ok ? result.value : 'invalid'
}

describe('parseDuration', () => {
  it('reads unit suffixes into milliseconds', () => {
    expect(ms('250ms')).toBe(250)
    expect(ms('5s')).toBe(5_000)
    expect(ms('2m')).toBe(120_000)
    expect(ms('2h')).toBe(7_200_000)
    expect(ms('0s')).toBe(0)
  })

  it('adds combined components', () => {
    expect(ms('1m30s')).toBe(90_000)
    expect(ms('1h2m3s4ms')).toBe(3_723_004)
    expect(ms('1.5s')).toBe(1_500)
  })

  it('reads a bare number as seconds by default and as milliseconds when asked', () => {
    expect(ms('5')).toBe(5_000)
    expect(ms('0')).toBe(0)
    expect(ms('0.25')).toBe(250)
    expect(ms('250', 'ms')).toBe(250)
  })

  it('trims surrounding whitespace', () => {
    expect(ms(' 5s ')).toBe(5_000)
  })

  it('refuses negatives, garbage, unknown or upper-case units and fractions of a millisecond', () => {
    for (const raw of [
      '-1s',
      '-5',
      'abc',
      '5x',
      '5d',
      '5S',
      '1m30',
      's',
      '1 s',
      '5s ago',
      '0.5ms',
      '1.5'.concat('ms'),
      '',
    ]) {
      expect(ms(raw), raw).toBe('invalid')
    }
    expect(ms('1.5', 'ms')).toBe('invalid')
  })

  it('refuses durations beyond safe integers', () => {
    expect(ms('99999999999999999h')).toBe('invalid')
  })
})
