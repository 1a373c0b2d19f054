// The ledger's multi-row upserts: one statement per 500 summed rows of a spend batch.
import type { Queryable } from '../db/database.js'

/** Rows per upsert statement: at most 9 parameters each, far below PostgreSQL's 65,535. */
const UPSERT_CHUNK = 500

/** One (day, key, model) row of a batch, summed. */
export interface DailySpend {
  day: string
  virtualKeyId: string
  model: string
  organizationId: string
  projectId: string
  cost: number
  requests: number
  inputTokens: number
  outputTokens: number
}

/**
 * The map key of a summed ledger row: its parts joined by a newline, which ids, days and
 * window starts never contain (end-user ids may; they come last, so the split stays exact).
 *
 * @example
 * ledgerKey('bud_1', 1_767_225_600_000) // 'bud_1\n1767225600000'
 */
export function ledgerKey(...parts: ReadonlyArray<string | number>): string {
  return parts.join('\n')
}

function splitKey(key: string, count: number): string[] {
  const parts = key.split('\n')
  return [...parts.slice(0, count - 1), parts.slice(count - 1).join('\n')]
}

async function upsertRows(
  tx: Queryable,
  rows: readonly unknown[][],
  statement: (values: string) => string,
): Promise<void> {
  for (let offset = 0; offset < rows.length; offset += UPSERT_CHUNK) {
    const params: unknown[] = []
    const values = rows.slice(offset, offset + UPSERT_CHUNK).map((row) => {
      const base = params.length
      params.push(...row)
      return `(${row.map((_, index) => `$${base + index + 1}`).join(', ')})`
    })
    await tx.query(statement(values.join(', ')), params)
  }
}

/**
 * Adds summed costs (`ledgerKey(budgetId, windowStartMs)` → micro-USD) to `budget_spend`.
 *
 * @example
 * await upsertBudgetSpend(tx, new Map([[ledgerKey('bud_1', start), 1500]]))
 */
export function upsertBudgetSpend(tx: Queryable, totals: ReadonlyMap<string, number>): Promise<void> {
  const rows = [...totals].map(([key, cost]) => {
    const [budgetId, start] = splitKey(key, 2)
    return [budgetId, new Date(Number(start)), cost]
  })
  return upsertRows(
    tx,
    rows,
    (values) => `insert into budget_spend (budget_id, window_start, spent_micro_usd) values ${values}
     on conflict (budget_id, window_start) do update set spent_micro_usd = budget_spend.spent_micro_usd + excluded.spent_micro_usd`,
  )
}

/**
 * Adds summed costs (`ledgerKey(budgetId, windowStartMs, endUserId)` → micro-USD) to the
 * per-end-user buckets of templates.
 *
 * @example
 * await upsertEndUserSpend(tx, new Map([[ledgerKey('bud_1', start, 'user-42'), 1500]]))
 */
export function upsertEndUserSpend(tx: Queryable, totals: ReadonlyMap<string, number>): Promise<void> {
  const rows = [...totals].map(([key, cost]) => {
    const [budgetId, start, endUserId] = splitKey(key, 3)
    return [budgetId, endUserId, new Date(Number(start)), cost]
  })
  return upsertRows(
    tx,
    rows,
    (
      values,
    ) => `insert into budget_end_user_spend (budget_id, end_user_id, window_start, spent_micro_usd) values ${values}
     on conflict (budget_id, end_user_id, window_start)
     do update set spent_micro_usd = budget_end_user_spend.spent_micro_usd + excluded.spent_micro_usd`,
  )
}

/**
 * Adds summed rows to `spend_daily` (cost, requests and tokens per day, key and model).
 *
 * @example
 * await upsertDailySpend(tx, [{ day: '2026-12-06', virtualKeyId, model, organizationId, projectId, cost: 1500, requests: 1, inputTokens: 10, outputTokens: 5 }])
 */
export function upsertDailySpend(tx: Queryable, daily: readonly DailySpend[]): Promise<void> {
  const rows = daily.map((row) => [
    row.day,
    row.virtualKeyId,
    row.model,
    row.organizationId,
    row.projectId,
    row.cost,
    row.requests,
    row.inputTokens,
    row.outputTokens,
  ])
  return upsertRows(
    tx,
    rows,
    (
      values,
    ) => `insert into spend_daily (day, virtual_key_id, model, organization_id, project_id, cost_micro_usd, requests, input_tokens, output_tokens)
     values ${values}
     on conflict (day, virtual_key_id, model) do update set
       cost_micro_usd = spend_daily.cost_micro_usd + excluded.cost_micro_usd,
       requests = spend_daily.requests + excluded.requests,
       input_tokens = spend_daily.input_tokens + excluded.input_tokens,
       output_tokens = spend_daily.output_tokens + excluded.output_tokens`,
  )
}
