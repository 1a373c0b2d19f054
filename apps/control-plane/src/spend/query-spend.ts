// Spend per day, key and model for the admin API: the figures a dashboard draws.
import { microUsdToUsd } from '@gw/budget'
import * as v from 'valibot'
import type { Queryable } from '../db/database.js'

const id = v.pipe(v.string(), v.minLength(1, 'must not be empty'))
const day = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD'))

/** `GET /spend` filters; `from` and `to` are inclusive UTC days. */
export const spendQuerySchema = v.object({
  organization_id: v.optional(id),
  project_id: v.optional(id),
  virtual_key_id: v.optional(id),
  model: v.optional(id),
  from: v.optional(day),
  to: v.optional(day),
})
export type SpendQuery = v.InferOutput<typeof spendQuerySchema>

/** One day of one key's spend on one model. */
export interface SpendRow {
  day: string
  organization_id: string
  project_id: string
  virtual_key_id: string
  model: string
  cost_usd: number
  cost_micro_usd: number
  requests: number
  input_tokens: number
  output_tokens: number
}

interface SpendDbRow {
  day: string | Date
  organization_id: string
  project_id: string
  virtual_key_id: string
  model: string
  cost_micro_usd: string | number
  requests: string | number
  input_tokens: string | number
  output_tokens: string | number
}

const dayText = (value: string | Date) => (value instanceof Date ? value.toISOString().slice(0, 10) : value)

/**
 * Daily spend rows matching the filters, newest day first, at most 10,000.
 *
 * @example
 * await querySpend(db, { project_id: 'proj_…', from: '2026-12-01' })
 */
export async function querySpend(db: Queryable, query: SpendQuery): Promise<SpendRow[]> {
  const { rows } = await db.query<SpendDbRow>(
    `select to_char(day, 'YYYY-MM-DD') as day, organization_id, project_id, virtual_key_id, model, cost_micro_usd,
       requests, input_tokens, output_tokens
     from spend_daily
     where ($1::text is null or organization_id = $1) and ($2::text is null or project_id = $2)
       and ($3::text is null or virtual_key_id = $3) and ($4::text is null or model = $4)
       and ($5::date is null or day >= $5::date) and ($6::date is null or day <= $6::date)
     order by day desc, virtual_key_id, model limit 10000`,
    [
      query.organization_id ?? null,
      query.project_id ?? null,
      query.virtual_key_id ?? null,
      query.model ?? null,
      query.from ?? null,
      query.to ?? null,
    ],
  )
  return rows.map((row) => ({
    day: dayText(row.day),
    organization_id: row.organization_id,
    project_id: row.project_id,
    virtual_key_id: row.virtual_key_id,
    model: row.model,
    cost_usd: microUsdToUsd(Number(row.cost_micro_usd)),
    cost_micro_usd: Number(row.cost_micro_usd),
    requests: Number(row.requests),
    input_tokens: Number(row.input_tokens),
    output_tokens: Number(row.output_tokens),
  }))
}
