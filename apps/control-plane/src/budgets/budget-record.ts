// A budget row, its admin view, and the current-window spend read from the ledger.

import { type BudgetWindow, microUsdToUsd, windowEndMs, windowStartMs } from '@gw/budget'
import type { BudgetScope } from '@gw/contract'
import type { Queryable } from '../db/database.js'
import { toIso } from '../shared/time.js'

/** A budget row as stored. */
export interface BudgetRecord {
  id: string
  organization_id: string
  scope: BudgetScope
  scope_id: string
  provider_key: string | null
  budget_window: BudgetWindow
  limit_micro_usd: number
  on_breach: 'block' | 'warn'
  name: string | null
  created_at: Date
  updated_at: Date
  /** A per-end-user template: every end user of the scope has its own bucket. */
  per_end_user: boolean
  /** Share of the limit from which the gateway warns; null → the gateway's default. */
  warn_ratio: number | null
}

/** A budget as the admin API shows it, with its current window's spend. */
export interface Budget {
  id: string
  organization_id: string
  scope: BudgetScope
  scope_id: string
  provider_key: string | null
  window: BudgetWindow
  limit_usd: number
  limit_micro_usd: number
  on_breach: 'block' | 'warn'
  name: string | null
  /** A per-end-user template; its `spent_*` is then 0 (spend is per end user, see `/budgets/:id/end-users/:end_user_id`). */
  per_end_user: boolean
  /** Share of `limit_usd` from which the gateway warns; null → the gateway's `GATEWAY_BUDGET_WARN_RATIO`. */
  warn_ratio: number | null
  spent_usd: number
  spent_micro_usd: number
  /** ISO time of the next reset; null for `total`. */
  resets_at: string | null
  created_at: string
  updated_at: string
}

/** Columns of {@link BudgetRecord}. */
export const budgetColumns =
  'id, organization_id, scope, scope_id, provider_key, budget_window, limit_micro_usd, on_breach, name, created_at, updated_at, per_end_user, warn_ratio'

/** Normalises a row (bigint columns arrive as strings from node-postgres). */
export function fromBudgetRow(row: BudgetRecord): BudgetRecord {
  return {
    ...row,
    limit_micro_usd: Number(row.limit_micro_usd),
    warn_ratio: row.warn_ratio === null || row.warn_ratio === undefined ? null : Number(row.warn_ratio),
  }
}

/**
 * Spend of each budget in the window containing `nowMs`, by budget id (absent → 0). One query
 * over (budget, window start) pairs, served by the ledger's primary key.
 *
 * @example
 * const spent = await loadCurrentSpend(db, budgets, Date.now())
 */
export async function loadCurrentSpend(
  db: Queryable,
  budgets: readonly Pick<BudgetRecord, 'id' | 'budget_window'>[],
  nowMs: number,
): Promise<Map<string, number>> {
  const spent = new Map<string, number>()
  if (budgets.length === 0) return spent
  const { rows } = await db.query<{ budget_id: string; spent_micro_usd: string | number }>(
    `select s.budget_id, s.spent_micro_usd from budget_spend s
     join unnest($1::text[], $2::timestamptz[]) as w (budget_id, window_start)
       on s.budget_id = w.budget_id and s.window_start = w.window_start`,
    [
      budgets.map((budget) => budget.id),
      budgets.map((budget) => new Date(windowStartMs(budget.budget_window, nowMs)).toISOString()),
    ],
  )
  for (const row of rows) spent.set(row.budget_id, Number(row.spent_micro_usd))
  return spent
}

/** Unix milliseconds of the budget's next reset at `nowMs`, or null for `total`. */
export function budgetResetsAtMs(window: BudgetWindow, nowMs: number): number | null {
  const end = windowEndMs(window, windowStartMs(window, nowMs))
  return Number.isFinite(end) ? end : null
}

/** The admin view of a budget given its current spend. */
export function toBudget(record: BudgetRecord, spentMicroUsd: number, nowMs: number): Budget {
  const resetsAt = budgetResetsAtMs(record.budget_window, nowMs)
  return {
    id: record.id,
    organization_id: record.organization_id,
    scope: record.scope,
    scope_id: record.scope_id,
    provider_key: record.provider_key,
    window: record.budget_window,
    limit_usd: microUsdToUsd(record.limit_micro_usd),
    limit_micro_usd: record.limit_micro_usd,
    on_breach: record.on_breach,
    name: record.name,
    per_end_user: record.per_end_user,
    warn_ratio: record.warn_ratio,
    spent_usd: microUsdToUsd(spentMicroUsd),
    spent_micro_usd: spentMicroUsd,
    resets_at: resetsAt === null ? null : new Date(resetsAt).toISOString(),
    created_at: toIso(record.created_at) ?? '',
    updated_at: toIso(record.updated_at) ?? '',
  }
}
