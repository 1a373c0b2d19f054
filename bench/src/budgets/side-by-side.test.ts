import { describe, expect, it } from 'vitest'
import { renderSideBySide } from './side-by-side.js'

describe('renderSideBySide', () => {
  it("judges by the median of the slices' own ratios, not by the ratio of the medians", () => {
    // Slice ratios 1.10, 1.053, 1.25: their median is 1.10, the medians' ratio 200 / 190 = 1.053.
    const slices = [
      { onMicros: 110, offMicros: 100, onGateway: 0 },
      { onMicros: 200, offMicros: 190, onGateway: 1 },
      { onMicros: 500, offMicros: 400, onGateway: 0 },
    ]
    const lines = renderSideBySide([{ label: 'one budget only', slices }], 1000, 3)
    expect(lines[0]).toContain('1000 req/s each, roles swapped every 3 s (3 slices per row)')
    expect(lines[2]).toBe('| one budget only | 190.0 | 200.0 | 1.100× |')
    expect(lines[4]).toBe(
      'Side-by-side slices, one budget only (on / off µs, the budgeted key on gateway #): 110.0 / 100.0 (#1), 200.0 / 190.0 (#2), 500.0 / 400.0 (#1).',
    )
  })

  it('gives each configuration its own row and its own ratio, in the order measured', () => {
    const lines = renderSideBySide(
      [
        { label: 'all parts', slices: [{ onMicros: 120, offMicros: 100, onGateway: 0 }] },
        { label: 'rate limits only', slices: [{ onMicros: 102, offMicros: 100, onGateway: 1 }] },
      ],
      1000,
      3,
    )
    expect(lines.slice(2, 4)).toEqual([
      '| all parts | 100.0 | 120.0 | 1.200× |',
      '| rate limits only | 100.0 | 102.0 | 1.020× |',
    ])
  })

  it('prints nothing without slices, and skips a configuration that has none', () => {
    expect(renderSideBySide([], 1000, 3)).toEqual([])
    expect(renderSideBySide([{ label: 'empty', slices: [] }], 1000, 3)).toEqual([])
    const lines = renderSideBySide(
      [
        { label: 'empty', slices: [] },
        { label: 'measured', slices: [{ onMicros: 110, offMicros: 100, onGateway: 0 }] },
      ],
      1000,
      3,
    )
    expect(lines.filter((line) => line.startsWith('| empty'))).toEqual([])
    expect(lines[2]).toBe('| measured | 100.0 | 110.0 | 1.100× |')
  })
})
