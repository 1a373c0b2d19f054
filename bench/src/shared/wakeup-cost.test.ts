import { describe, expect, it } from 'vitest'
import { measureWakeupCost, renderWakeupCost } from './wakeup-cost.js'

/** A clock that charges `costs[sample]` µs of CPU for every sleep of that sample. */
function fakeHost(costs: number[], wakeups: number) {
  let cpu = 0
  let sleeps = 0
  const periods: number[] = []
  return {
    periods,
    cpuMicros: () => cpu,
    sleep: async (ms: number) => {
      periods.push(ms)
      cpu += costs[Math.floor(sleeps / wakeups)] ?? 0
      sleeps += 1
    },
  }
}

describe('measureWakeupCost', () => {
  it('divides the CPU of each sample by its wakeups and reports the median sample', async () => {
    const host = fakeHost([150, 90, 400], 20)
    const cost = await measureWakeupCost({ wakeups: 20, samples: 3, periodMs: 7, ...host })
    expect(cost.samplesMicros).toEqual([150, 90, 400])
    expect(cost.medianMicros).toBe(150)
    expect(host.periods).toHaveLength(60)
    expect(new Set(host.periods)).toEqual(new Set([7]))
  })

  it('refuses counts that would divide by zero', async () => {
    await expect(measureWakeupCost({ wakeups: 0 })).rejects.toThrow(RangeError)
    await expect(measureWakeupCost({ samples: 0 })).rejects.toThrow(RangeError)
  })

  it('measures this process with real timers', async () => {
    const cost = await measureWakeupCost({ wakeups: 5, samples: 2, periodMs: 1 })
    expect(cost.samplesMicros).toHaveLength(2)
    for (const value of cost.samplesMicros) {
      expect(Number.isFinite(value)).toBe(true)
      expect(value).toBeGreaterThanOrEqual(0)
    }
  })
})

describe('renderWakeupCost', () => {
  it('names the median, the samples and the method', () => {
    const line = renderWakeupCost({
      periodMs: 10,
      wakeups: 100,
      samplesMicros: [148.4, 151.2, 139.9],
      medianMicros: 148.4,
    })
    expect(line).toContain('148 µs of process CPU each')
    expect(line).toContain('median of 3 × 100 sleeps of 10 ms: 148, 151, 140 µs')
  })
})
