import { describe, expect, it } from 'vitest'
import { renderPaired, renderTurnsTable } from './render-paired.js'
import { testReport } from './test-report.js'

const turn = (cpuMicrosPerRequest: number, requestsPerSecond: number) => ({
  cpuMicrosPerRequest,
  requestsPerSecond,
})

describe('renderPaired', () => {
  it('prints every block, the medians and the pooled 1,000 req/s sides', () => {
    const text = renderPaired(testReport(true)).join('\n')
    expect(text).toContain('| 2 | gateway | #2 | 52.0 | 70.0 | 1.35× | 19,000 | 14,000 | 0.74× |')
    expect(text).toMatch(/\| median \|.*\| 1\.30× \|.*\| 0\.75× \|/)
    // Process #1 took blocks 1 (1.30×) and 3 (1.40×): the nearest-rank median of two is the lower.
    expect(text).toContain('Median CPU ratio per process: #1 1.30× (2 blocks), #2 1.35× (1 block).')
    expect(text).toContain('| gateway − floor | 0.070 | 0.500 | 60.0 |')
  })

  it('prints nothing when the paired run did not run', () => {
    expect(renderPaired(testReport(false))).toEqual([])
  })
})

/** The table of two blocks (50 → 75 µs, 52 → 70 µs), each tagged with `instances[i]` when given. */
function twoBlockTable(instances?: [number, number]): string[] {
  const blocks = [
    { floor: turn(50, 20_000), gateway: turn(75, 13_000) },
    { floor: turn(52, 19_000), gateway: turn(70, 14_000) },
  ].map((block, index) => (instances === undefined ? block : { ...block, instance: instances[index] }))
  return renderTurnsTable({ blocks, cpuRatio: 1.35, requestsPerSecondRatio: 0.7 }, 'gateway').split('\n')
}

describe('renderTurnsTable', () => {
  it('names the process of each turn when the blocks rotated over several', () => {
    const lines = twoBlockTable([0, 2])
    expect(lines[0]).toContain('| block | first | gateway process | floor CPU µs/req |')
    expect(lines[2]).toContain('| 1 | floor | #1 | 50.0 | 75.0 | 1.50× |')
    expect(lines[3]).toContain('| 2 | gateway | #3 | 52.0 | 70.0 | 1.35× |')
    expect(lines[4]).toMatch(/^\| median \| {2}\| {2}\|/)
  })

  it('prints one row per block with who went first, and the medians last', () => {
    const lines = twoBlockTable()
    expect(lines[0]).toContain('gateway ÷ floor')
    expect(lines[2]).toContain('| 1 | floor | 50.0 | 75.0 | 1.50× |')
    expect(lines[3]).toContain('| 2 | gateway | 52.0 | 70.0 | 1.35× |')
    expect(lines[4]).toContain('| median |')
    expect(lines[4]).toContain('1.35×')
    expect(lines[4]).toContain('0.70×')
  })
})
