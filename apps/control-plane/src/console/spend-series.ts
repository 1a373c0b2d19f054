// Turns the admin API's spend rows (per day, key and model) into chart series per key, project or model.

/** A row of `GET /api/admin/spend`. */
export interface SpendRow {
  day: string
  project_id: string
  virtual_key_id: string
  model: string
  cost_usd: number
  requests: number
  input_tokens: number
  output_tokens: number
}

/** What a series groups by. */
export type SpendGrouping = 'key' | 'project' | 'model'
/** What the chart plots. */
export type SpendMetric = 'cost' | 'requests' | 'tokens'

/** Chart data: one x value per day (unix seconds, UTC midnight) and one series per group. */
export interface SpendSeries {
  days: number[]
  series: { label: string; values: number[] }[]
}

const dayMs = 86_400_000

/** Every `YYYY-MM-DD` from `from` to `to`, inclusive (at most 366). */
export function listDays(from: string, to: string): string[] {
  const days: string[] = []
  for (
    let at = Date.parse(`${from}T00:00:00Z`);
    at <= Date.parse(`${to}T00:00:00Z`) && days.length < 366;
    at += dayMs
  )
    days.push(new Date(at).toISOString().slice(0, 10))
  return days
}

/**
 * Sums rows into series; a day without spend is 0, so lines do not skip days.
 *
 * @example
 * buildSpendSeries(rows, { from: '2026-01-01', to: '2026-01-07', groupBy: 'model', metric: 'cost', label: (id) => id })
 */
export function buildSpendSeries(
  rows: readonly SpendRow[],
  options: {
    from: string
    to: string
    groupBy: SpendGrouping
    metric: SpendMetric
    label: (id: string) => string
  },
): SpendSeries {
  const days = listDays(options.from, options.to)
  const index = new Map(days.map((day, at) => [day, at]))
  const groups = new Map<string, number[]>()
  for (const row of rows) {
    const at = index.get(row.day.slice(0, 10))
    if (at === undefined) continue
    const group =
      options.groupBy === 'key'
        ? row.virtual_key_id
        : options.groupBy === 'project'
          ? row.project_id
          : row.model
    let values = groups.get(group)
    if (values === undefined) {
      values = days.map(() => 0)
      groups.set(group, values)
    }
    const amount =
      options.metric === 'cost'
        ? row.cost_usd
        : options.metric === 'requests'
          ? row.requests
          : row.input_tokens + row.output_tokens
    values[at] = (values[at] ?? 0) + amount
  }
  return {
    days: days.map((day) => Date.parse(`${day}T00:00:00Z`) / 1000),
    series: [...groups].map(([group, values]) => ({ label: options.label(group), values })),
  }
}
