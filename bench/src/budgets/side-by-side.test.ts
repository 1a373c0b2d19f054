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
    const lines = renderSideBySide(slices, 1000, 3)
    expect(lines[0]).toContain('1000 req/s each, roles swapped every 3 s (3 slices)')
    expect(lines[2]).toBe('| budgets off (key without governance) | 190.0 | 1.00× |')
    expect(lines[3]).toBe('| budgets on, in process (3 budgets + RPM/RPD/TPM) | 200.0 | 1.100× |')
    expect(lines[5]).toBe(
      'Side-by-side slices (on / off µs, the budgeted key on gateway #): 110.0 / 100.0 (#1), 200.0 / 190.0 (#2), 500.0 / 400.0 (#1).',
    )
  })

  it('prints nothing without slices', () => {
    expect(renderSideBySide([], 1000, 3)).toEqual([])
  })
})
