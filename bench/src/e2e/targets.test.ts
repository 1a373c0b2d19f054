import { describe, expect, it } from 'vitest'
import { evaluateTargets } from './targets.js'
import { testReport } from './test-report.js'

const row = (rows: string[][], name: string) => rows.find((each) => each[0]?.startsWith(name))

describe('evaluateTargets', () => {
  it('judges CPU, max req/s and added p99 on the paired blocks when they ran, showing the suites beside', () => {
    const rows = evaluateTargets(testReport(true)) as string[][]
    const cpu = row(rows, 'CPU per request vs floor at max')
    expect(cpu?.[2]).toContain('1.30× (median of 3 paired blocks; 2.00× in the runs one after the other')
    expect(cpu?.[3]).toBe('PASS')
    const throughput = row(rows, 'max req/s vs floor')
    expect(throughput?.[2]).toContain('0.75×')
    expect(throughput?.[3]).toBe('PASS')
    const p99 = row(rows, 'added latency p99 at 1,000 req/s')
    expect(p99?.[2]).toContain('0.500 ms (3 paired blocks, 7,500 samples)')
    expect(p99?.[3]).toBe('PASS')
  })

  it('falls back to the suites run one after the other, and says so', () => {
    const rows = evaluateTargets(testReport(false)) as string[][]
    const cpu = row(rows, 'CPU per request vs floor at max')
    expect(cpu?.[2]).toContain('2.00× (one run each, minutes apart')
    expect(cpu?.[3]).toBe('MISS')
    expect(row(rows, 'max req/s vs floor')?.[3]).toBe('MISS')
    const p99 = row(rows, 'added latency p99 at 1,000 req/s')
    expect(p99?.[2]).toContain('3.000 ms (one run each)')
    expect(p99?.[3]).toBe('MISS')
  })

  it.each([
    [-3.4, '95.0 MiB vs 98.4 MiB: −3.4 MiB', 'PASS'],
    [16, '95.0 MiB vs 79.0 MiB: +16.0 MiB', 'MISS'],
  ])('shows the RSS difference with its sign (gateway − floor = %s MiB)', (addedMiB, shown, verdict) => {
    const report = testReport(true)
    if (!report.floor.ok) throw new Error('the test report has a floor')
    report.floor.value.rssAfterLoadBytes = (95 - addedMiB) * 1_048_576
    const rss = row(evaluateTargets(report) as string[][], 'gateway RSS after load vs floor')
    expect(rss?.[2]).toBe(shown)
    expect(rss?.[3]).toBe(verdict)
  })
})
