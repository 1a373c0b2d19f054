import { describe, expect, it } from 'vitest'
import type { ManyKeysRun } from './many-keys.js'
import { governedBusyLine, renderExtraRuns } from './render-extra.js'
import type { E2eReport } from './report.js'
import { testReport, turn } from './test-report.js'

const run = (label: string, cpu: number, requestsPerSecond: number): ManyKeysRun => ({
  label,
  closedLoop: { ...turn(cpu, requestsPerSecond, 10), extraCpuMicrosPerRequest: 0.1 },
  p50AtRateMs: 0.5,
  p99AtRateMs: 2,
  rateErrors: 0,
  misses: 0,
})

function withExtras(): E2eReport {
  const governedBlocks = [
    {
      floor: turn(50, 16_000),
      gateway: { ...turn(120, 6_000), extraCpuMicrosPerRequest: 60, busyPercent: 80 },
    },
    {
      floor: turn(55, 15_000),
      gateway: { ...turn(110, 6_500), extraCpuMicrosPerRequest: 70, busyPercent: 76 },
    },
    {
      floor: turn(52, 15_500),
      gateway: { ...turn(130, 5_800), extraCpuMicrosPerRequest: 65, busyPercent: 78 },
    },
  ]
  return {
    ...testReport(true),
    governed: {
      ok: true,
      value: {
        parts: ['budget', 'policy', 'tracing'],
        blocks: governedBlocks,
        cpuRatio: 2.4,
        requestsPerSecondRatio: 0.38,
        exports: 12,
        description: 'key with a budget',
      },
    },
    manyKeys: {
      ok: true,
      value: {
        keys: 10_000,
        missPerMille: 50,
        floor: run('floor', 50, 16_000),
        hits: run('gateway, all hits', 105, 9_000),
        withMisses: run('gateway, 5 % unknown keys (default rationing)', 100, 9_500),
        withLookups: run('gateway, 5 % unknown keys, each looked up', 130, 7_000),
      },
    },
  }
}

describe('governedBusyLine', () => {
  it('says the gateway was the limit only when it kept its core saturated', () => {
    const blocks = [98, 97, 99].map((busyPercent) => ({
      floor: turn(50, 16_000),
      gateway: { ...turn(75, 12_000), busyPercent },
    }))
    expect(governedBusyLine(blocks)).toContain(
      'kept its core 98 % busy (the floor 99 %; medians of the blocks): saturated',
    )
    expect(governedBusyLine(blocks)).not.toContain('load core')
  })
})

describe('renderExtraRuns', () => {
  it('shows the governed blocks taken in turns, their medians and the control plane’s share', () => {
    const text = renderExtraRuns(withExtras()).join('\n')
    expect(text).toContain('took turns in 3 blocks of 4 s of wrk')
    expect(text).toContain('the sink received 12 OTLP export requests')
    expect(text).toContain(
      'the control plane spent 65.0 µs of CPU per governed request (median of the blocks)',
    )
    expect(text).toContain('| 2 | governed | 55.0 | 110.0 | 2.00× | 15,000 | 6,500 | 0.43× |')
    expect(text).toContain(
      'the governed gateway kept its core 78 % busy (the floor 99 %; medians of the blocks)',
    )
    expect(text).toMatch(/\| median \|.*\| 2\.40× \|.*\| 0\.38× \|/)
  })

  it('says the many-keys runs are warmed up and shows each run against the floor', () => {
    const text = renderExtraRuns(withExtras()).join('\n')
    expect(text).toContain('after 2 s of the same load not counted')
    expect(text).toContain('| gateway, all hits | 105.0 | 2.10× | 9,000 |')
  })
})
