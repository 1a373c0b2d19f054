import { describe, expect, it } from 'vitest'
import { compareWithBaseline, type GateBaseline, renderGateResult, updateBaseline } from './compare.js'

const baseline: GateBaseline = {
  reference: 'reference op',
  recorded: 'test',
  ratios: { hashKey: 0.5, walker: 0.2, gone: 1 },
}

describe('compareWithBaseline', () => {
  it('fails a benchmark above the limit times its baseline ratio, naming it', () => {
    const result = compareWithBaseline(
      [
        { name: 'hashKey', ratio: 1.01 },
        { name: 'walker', ratio: 0.39 },
      ],
      baseline,
      2,
    )
    expect(result.failed).toEqual(['hashKey'])
    expect(result.rows.find((row) => row.name === 'hashKey')).toMatchObject({
      status: 'regressed',
      factor: 2.02,
    })
    expect(result.rows.find((row) => row.name === 'walker')?.status).toBe('ok')
  })

  it('passes a ratio exactly at the limit and any improvement', () => {
    const result = compareWithBaseline(
      [
        { name: 'hashKey', ratio: 1 },
        { name: 'walker', ratio: 0.01 },
      ],
      baseline,
      2,
    )
    expect(result.failed).toEqual([])
  })

  it('reports a benchmark missing from the baseline as new, not gated, whatever its ratio', () => {
    const result = compareWithBaseline([{ name: 'brand new', ratio: 1_000 }], baseline, 2)
    expect(result.failed).toEqual([])
    expect(result.rows[0]).toMatchObject({ name: 'brand new', status: 'new, not gated', ratio: 1_000 })
  })

  it('reports skipped benchmarks and baseline entries this run did not measure without failing', () => {
    const result = compareWithBaseline([{ name: 'walker', skipped: 'no redis-server' }], baseline, 2)
    expect(result.failed).toEqual([])
    expect(result.rows.map((row) => [row.name, row.status])).toEqual([
      ['walker', 'skipped'],
      ['hashKey', 'not in this run'],
      ['gone', 'not in this run'],
    ])
  })

  it('does not take inherited object keys for baseline entries', () => {
    const result = compareWithBaseline([{ name: 'toString', ratio: 5 }], baseline, 2)
    expect(result.rows[0]?.status).toBe('new, not gated')
  })
})

describe('updateBaseline', () => {
  it('records this run’s ratios and keeps the previous ratio of a skipped benchmark', () => {
    const updated = updateBaseline(
      [
        { name: 'hashKey', ratio: 0.123456789 },
        { name: 'walker', skipped: 'absent' },
        { name: 'other', skipped: 'absent too' },
      ],
      baseline,
      'ref',
      'now',
    )
    expect(updated).toEqual({ reference: 'ref', recorded: 'now', ratios: { hashKey: 0.1235, walker: 0.2 } })
  })

  it('keeps every entry a partial (--filter) update did not measure, and says what it re-recorded', () => {
    const updated = updateBaseline([{ name: 'walker', ratio: 0.3 }], baseline, 'reference op', 'now', {
      partial: true,
    })
    expect(updated).toEqual({
      reference: 'reference op',
      recorded: 'test; walker re-recorded now',
      ratios: { hashKey: 0.5, walker: 0.3, gone: 1 },
    })
  })

  it('refuses a partial update across a change of reference operation', () => {
    expect(() =>
      updateBaseline([{ name: 'walker', ratio: 0.3 }], baseline, 'another op', 'now', { partial: true }),
    ).toThrow(/re-record every benchmark/)
  })
})

describe('renderGateResult', () => {
  it('ends with a failure line naming each regressed benchmark', () => {
    const result = compareWithBaseline([{ name: 'hashKey', ratio: 5 }], baseline, 2)
    const lines = renderGateResult(result, 2)
    expect(lines[0]).toMatch(/^FAIL hashKey/)
    expect(lines.at(-1)).toBe(
      'bench gate: FAILED: hashKey above 2× the baseline ratio (bench/micro-baseline.json)',
    )
  })

  it('ends with a pass line when nothing regressed', () => {
    const lines = renderGateResult(compareWithBaseline([], baseline, 2), 2)
    expect(lines.at(-1)).toMatch(/^bench gate: passed/)
  })
})
