// The budgets that apply to keys (their org, team, project, the key, its principal) as /config sends them.
import type { BudgetConfig } from '@gw/contract'
import type { Queryable } from '../db/database.js'
import {
  type BudgetRecord,
  budgetColumns,
  budgetResetsAtMs,
  fromBudgetRow,
  loadCurrentSpend,
} from './budget-record.js'

/** The key fields that select its budgets. */
export interface BudgetSubject {
  id: string
  organization_id: string
  project_id: string
  team_id: string | null
  principal_id: string | null
}

/** True when `budget` caps `key`'s spend (before any provider filter). */
export function appliesToKey(budget: Pick<BudgetRecord, 'scope' | 'scope_id'>, key: BudgetSubject): boolean {
  switch (budget.scope) {
    case 'organization':
      return budget.scope_id === key.organization_id
    case 'team':
      return budget.scope_id === key.team_id
    case 'project':
      return budget.scope_id === key.project_id
    case 'virtual_key':
      return budget.scope_id === key.id
    case 'principal':
      return budget.scope_id === key.principal_id
  }
}

/** Every budget of the given organizations (one indexed query). */
export async function loadOrganizationBudgets(
  db: Queryable,
  organizationIds: readonly string[],
): Promise<BudgetRecord[]> {
  if (organizationIds.length === 0) return []
  const { rows } = await db.query<BudgetRecord>(
    `select ${budgetColumns} from budgets where organization_id = any($1::text[]) order by id`,
    [[...new Set(organizationIds)]],
  )
  return rows.map(fromBudgetRow)
}

/**
 * The `budgets[]` of each key's config, outermost scope first, with the current window's spend
 * and `resets_at` (unix seconds). Two queries whatever the number of keys.
 *
 * @example
 * const budgets = (await loadKeyBudgets(db, [key], Date.now())).get(key.id) ?? []
 */
export async function loadKeyBudgets(
  db: Queryable,
  keys: readonly BudgetSubject[],
  nowMs: number,
): Promise<Map<string, BudgetConfig[]>> {
  const byKey = new Map<string, BudgetConfig[]>()
  const budgets = await loadOrganizationBudgets(
    db,
    keys.map((key) => key.organization_id),
  )
  if (budgets.length === 0) return byKey
  const spent = await loadCurrentSpend(db, budgets, nowMs)
  const order = ['organization', 'team', 'project', 'virtual_key', 'principal']
  budgets.sort((a, b) => order.indexOf(a.scope) - order.indexOf(b.scope))
  for (const key of keys) {
    const applicable = budgets.filter((budget) => appliesToKey(budget, key))
    if (applicable.length === 0) continue
    byKey.set(
      key.id,
      applicable.map((budget) => {
        const resetsAt = budgetResetsAtMs(budget.budget_window, nowMs)
        return {
          id: budget.id,
          scope: budget.scope,
          scope_id: budget.scope_id,
          provider_key: budget.provider_key,
          window: budget.budget_window,
          limit_micro_usd: budget.limit_micro_usd,
          spent_micro_usd: spent.get(budget.id) ?? 0,
          resets_at: resetsAt === null ? null : resetsAt / 1000,
          on_breach: budget.on_breach,
          per_end_user: budget.per_end_user,
          warn_ratio: budget.warn_ratio,
        }
      }),
    )
  }
  return byKey
}
