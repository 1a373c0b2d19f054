// The ledger of per-end-user budget templates: one bucket per (budget, end user, window start).
import { windowStartMs } from '@gw/budget'
import { GatewayError } from '@gw/contract'
import type { Queryable } from '../db/database.js'
import { type BudgetRecord, budgetColumns, fromBudgetRow } from './budget-record.js'

/** Longest end-user id a bucket is kept for (the gateway refuses longer ones). */
export const MAX_END_USER_ID_LENGTH = 256

/** One end user's bucket of a template in its current window. */
export interface EndUserBucketSpend {
  budget_id: string
  end_user_id: string
  /** `<budget id>:<end user id>`, as `/budget-bucket-spend` names it. */
  bucket: string
  spent_micro_usd: number
}

/**
 * One end user's spend in a template's current window; 404 `budget_not_found` when the id names
 * no per-end-user budget (an unknown id, or a budget that is not a template).
 *
 * @example
 * const { spent_micro_usd } = await loadEndUserSpend(db, 'bud_…', 'user-42', Date.now())
 */
export async function loadEndUserSpend(
  db: Queryable,
  budgetId: string,
  endUserId: string,
  nowMs: number,
): Promise<EndUserBucketSpend> {
  const { rows } = await db.query<BudgetRecord>(`select ${budgetColumns} from budgets where id = $1`, [
    budgetId,
  ])
  const found = rows[0]
  if (found === undefined || !found.per_end_user) {
    throw new GatewayError('budget_not_found', `No per-end-user budget "${budgetId}"`, {
      meta: { budget_id: budgetId },
    })
  }
  const budget = fromBudgetRow(found)
  const spent = await db.query<{ spent_micro_usd: string | number }>(
    `select spent_micro_usd from budget_end_user_spend where budget_id = $1 and end_user_id = $2 and window_start = $3`,
    [budget.id, endUserId, new Date(windowStartMs(budget.budget_window, nowMs))],
  )
  return {
    budget_id: budget.id,
    end_user_id: endUserId,
    bucket: `${budget.id}:${endUserId}`,
    spent_micro_usd: Number(spent.rows[0]?.spent_micro_usd ?? 0),
  }
}

/**
 * Zeroes every end user's bucket of a template in the current window (inside the caller's
 * transaction); nothing for a budget that is not a template.
 *
 * @example
 * await resetEndUserBuckets(tx, budget, Date.now())
 */
export async function resetEndUserBuckets(
  tx: Queryable,
  budget: Pick<BudgetRecord, 'id' | 'budget_window' | 'per_end_user'>,
  nowMs: number,
): Promise<void> {
  if (!budget.per_end_user) return
  await tx.query('delete from budget_end_user_spend where budget_id = $1 and window_start = $2', [
    budget.id,
    new Date(windowStartMs(budget.budget_window, nowMs)),
  ])
}
