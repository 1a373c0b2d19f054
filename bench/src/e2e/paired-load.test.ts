import { describe, expect, it } from 'vitest'
import type { Target } from './measure-target.js'
import { pairedRatios, poolRateTurns, takeTurns } from './paired-load.js'

const turn = (cpuMicrosPerRequest: number, requestsPerSecond: number) => ({
  cpuMicrosPerRequest,
  requestsPerSecond,
})

describe('pairedRatios', () => {
  it('takes the median of the per-block ratios, so one disturbed block does not move it', () => {
    const blocks = [
      { floor: turn(50, 20_000), gateway: turn(75, 13_000) }, // 1.5×, 0.65×
      { floor: turn(100, 10_000), gateway: turn(140, 7_000) }, // 1.4× (host slow for both), 0.70×
      { floor: turn(50, 20_000), gateway: turn(400, 2_000) }, // 8× (gateway's turn disturbed), 0.10×
    ]
    const ratios = pairedRatios(blocks)
    expect(ratios.cpuRatio).toBeCloseTo(1.5)
    expect(ratios.requestsPerSecondRatio).toBeCloseTo(0.65)
  })

  it('differs from the ratio of the pooled means when the host drifts between blocks', () => {
    const blocks = [
      { floor: turn(50, 20_000), gateway: turn(60, 18_000) },
      { floor: turn(100, 10_000), gateway: turn(120, 9_000) },
      { floor: turn(52, 19_000), gateway: turn(63, 17_000) },
    ]
    expect(pairedRatios(blocks).cpuRatio).toBeCloseTo(1.2, 1)
    // The first floor turn against the last gateway turn (runs minutes apart) would say 1.26×.
    expect(63 / 50).toBeGreaterThan(pairedRatios(blocks).cpuRatio)
  })
})

describe('poolRateTurns', () => {
  it('pools every block’s samples before taking percentiles and divides CPU by all requests', () => {
    const fast = Float64Array.from({ length: 99 }, () => 1)
    const slow = Float64Array.from([9])
    const side = poolRateTurns([
      { samples: fast, completed: 100, errors: 1, cpuMicros: 10_000 },
      { samples: slow, completed: 100, errors: 0, cpuMicros: 30_000 },
    ])
    expect(side.samples).toBe(100)
    expect(side.p50).toBe(1)
    expect(side.p99).toBe(1)
    expect(side.errors).toBe(1)
    expect(side.cpuMicrosPerRequest).toBe(200)
    const wider = poolRateTurns([
      { samples: fast, completed: 99, errors: 0, cpuMicros: 0 },
      { samples: Float64Array.from([9, 9]), completed: 2, errors: 0, cpuMicros: 0 },
    ])
    expect(wider.p99).toBe(9)
  })
})

describe('takeTurns', () => {
  it('rotates the second side over several targets, block i on target i % n', async () => {
    const floor = { label: 'floor', url: 'http://127.0.0.1:1/', pid: 1 } satisfies Target
    const gateways = ['a', 'b', 'c'].map((name, index) => ({
      label: name,
      url: `http://127.0.0.1:${index + 2}/`,
      pid: index + 2,
    }))
    const order: string[] = []
    const pairs = await takeTurns(floor, gateways, 5, async (target) => {
      order.push(target.label)
      return target.label
    })
    expect(pairs).toEqual([
      ['floor', 'a'],
      ['floor', 'b'],
      ['floor', 'c'],
      ['floor', 'a'],
      ['floor', 'b'],
    ])
    expect(order).toEqual(['floor', 'a', 'b', 'floor', 'floor', 'c', 'a', 'floor', 'floor', 'b'])
  })

  it('refuses an empty rotation', async () => {
    const floor = { label: 'floor', url: 'http://127.0.0.1:1/', pid: 1 } satisfies Target
    await expect(takeTurns(floor, [], 3, async () => 0)).rejects.toThrow(RangeError)
  })

  it('alternates which target goes first and returns pairs in (first, second) order', async () => {
    const floor = { label: 'floor', url: 'http://127.0.0.1:1/', pid: 1 } satisfies Target
    const gateway = { label: 'gateway', url: 'http://127.0.0.1:2/', pid: 2 } satisfies Target
    const order: string[] = []
    let count = 0
    const pairs = await takeTurns(floor, gateway, 3, async (target) => {
      order.push(target.label)
      count += 1
      return `${target.label}#${count}`
    })
    expect(order).toEqual(['floor', 'gateway', 'gateway', 'floor', 'floor', 'gateway'])
    expect(pairs).toEqual([
      ['floor#1', 'gateway#2'],
      ['floor#4', 'gateway#3'],
      ['floor#5', 'gateway#6'],
    ])
  })
})
