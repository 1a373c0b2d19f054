import { describe, expect, it } from 'vitest'
import { buildSpendSeries, listDays, type SpendRow } from './spend-series.js'

const row = (day: string, key: string, model: string, cost: number): SpendRow => ({
  day,
  project_id: 'p1',
  virtual_key_id: key,
  model,
  cost_usd: cost,
  requests: 1,
  input_tokens: 10,
  output_tokens: 5,
})

describe('buildSpendSeries', () => {
  it('sums rows per day and group, with 0 on days without spend', () => {
    const rows = [
      row('2026-03-01', 'k1', 'm1', 1),
      row('2026-03-01', 'k1', 'm2', 2),
      row('2026-03-03', 'k2', 'm1', 4),
    ]
    const byKey = buildSpendSeries(rows, {
      from: '2026-03-01',
      to: '2026-03-03',
      groupBy: 'key',
      metric: 'cost',
      label: (id) => `key ${id}`,
    })
    expect(byKey.days).toEqual([1772323200, 1772409600, 1772496000])
    expect(byKey.series).toEqual([
      { label: 'key k1', values: [3, 0, 0] },
      { label: 'key k2', values: [0, 0, 4] },
    ])
    const byModel = buildSpendSeries(rows, {
      from: '2026-03-01',
      to: '2026-03-03',
      groupBy: 'model',
      metric: 'tokens',
      label: (id) => id,
    })
    expect(byModel.series).toEqual([
      { label: 'm1', values: [15, 0, 15] },
      { label: 'm2', values: [15, 0, 0] },
    ])
  })

  it('leaves out rows outside the range and caps a range at 366 days', () => {
    const series = buildSpendSeries([row('2026-02-28', 'k1', 'm1', 1)], {
      from: '2026-03-01',
      to: '2026-03-02',
      groupBy: 'key',
      metric: 'cost',
      label: (id) => id,
    })
    expect(series.series).toEqual([])
    expect(listDays('2020-01-01', '2026-01-01')).toHaveLength(366)
  })
})
