import { describe, expect, it } from 'vitest'
import { createPlan, writesBenchmarksFile } from './plan.js'

describe('createPlan', () => {
  it.each([true, false])(
    'takes an odd number of paired blocks (quick: %s), so the median is one block',
    (quick) => {
      const plan = createPlan(quick)
      expect(plan.pairedBlocks % 2).toBe(1)
      // Every gateway process takes at least one turn, and the full run gives each as many.
      expect(plan.pairedInstances).toBeGreaterThanOrEqual(1)
      expect(plan.pairedBlocks).toBeGreaterThanOrEqual(plan.pairedInstances)
      expect(plan.pairedBlockSeconds).toBeGreaterThanOrEqual(2)
      // The 1,000 req/s turns drop their first half second: each keeps at least 1.5 s of samples.
      expect(plan.pairedRateSeconds).toBeGreaterThanOrEqual(2)
    },
  )

  it('gives each gateway process of the full paired run the same number of blocks', () => {
    const full = createPlan(false)
    expect(full.pairedInstances).toBeGreaterThan(1)
    expect(full.pairedBlocks % full.pairedInstances).toBe(0)
  })

  it('keeps the quick run shorter than the full one in every repeated phase', () => {
    const quick = createPlan(true)
    const full = createPlan(false)
    for (const field of [
      'pairedBlocks',
      'pairedBlockSeconds',
      'pairedRateSeconds',
      'throughputSeconds',
    ] as const) {
      expect(quick[field]).toBeLessThanOrEqual(full[field])
    }
    expect(quick.pairedBlocks * quick.pairedBlockSeconds).toBeLessThan(
      full.pairedBlocks * full.pairedBlockSeconds,
    )
  })
})

describe('writesBenchmarksFile', () => {
  it('rewrites BENCHMARKS.md after a run of every section, not after --only unless --write', () => {
    expect(writesBenchmarksFile({ only: undefined, write: false })).toBe(true)
    expect(writesBenchmarksFile({ only: 'floor,bodies', write: false })).toBe(false)
    expect(writesBenchmarksFile({ only: 'floor,bodies', write: true })).toBe(true)
  })
})
