import { describe, expect, it } from 'vitest'
import { formatNanoseconds, formatRatio, renderTable, replaceSection } from './markdown.js'

describe('replaceSection', () => {
  it('replaces only its own section and keeps the others', () => {
    const first = replaceSection('# Benchmarks', 'micro', 'micro v1')
    const both = replaceSection(first, 'e2e', 'e2e v1')
    const updated = replaceSection(both, 'micro', 'micro v2')
    expect(updated).toContain('micro v2')
    expect(updated).not.toContain('micro v1')
    expect(updated).toContain('e2e v1')
    expect(updated.indexOf('micro v2')).toBeLessThan(updated.indexOf('e2e v1'))
  })

  it('appends a missing section to an empty document', () => {
    expect(replaceSection('', 'e2e', 'body')).toBe('<!-- bench:e2e:start -->\nbody\n<!-- bench:e2e:end -->\n')
  })
})

describe('renderTable', () => {
  it('escapes pipes inside cells', () => {
    expect(renderTable(['a'], [['x|y']])).toBe('| a |\n| --- |\n| x\\|y |')
  })
})

describe('formatting', () => {
  it('picks a unit that keeps the digits readable', () => {
    expect(formatNanoseconds(84.2)).toBe('84.2 ns')
    expect(formatNanoseconds(1530)).toBe('1.53 µs')
  })

  it('shows a dash for a ratio with a missing side', () => {
    expect(formatRatio(1, undefined)).toBe('—')
    expect(formatRatio(60, 45)).toBe('1.33×')
  })
})
