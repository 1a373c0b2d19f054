// Budgets CRUD and reset: validated against the scope's organization, each change on the change feed.

import { usdToMicroUsd, windowStartMs } from '@gw/budget'
import { type BudgetScope, GatewayError } from '@gw/contract'
import { appendChange } from '../changes/change-log.js'
import type { Queryable } from '../db/database.js'
import type { ControlPlaneDeps } from '../shared/deps.js'
import { newId } from '../shared/ids.js'
import type { CreateBudgetInput, ListBudgetsQuery, UpdateBudgetInput } from './budget-input.js'
import {
  type Budget,
  type BudgetRecord,
  budgetColumns,
  fromBudgetRow,
  loadCurrentSpend,
  toBudget,
} from './budget-record.js'
import { resetEndUserBuckets } from './end-user-spend.js'

type BudgetDeps = Pick<ControlPlaneDeps, 'db' | 'notifier' | 'now'>

const scopeTables: Record<BudgetScope, { table: string; organization: string }> = {
  organization: { table: 'organizations', organization: 'id' },
  team: { table: 'teams', organization: 'organization_id' },
  project: { table: 'projects', organization: 'organization_id' },
  virtual_key: { table: 'virtual_keys', organization: 'organization_id' },
  principal: { table: 'principals', organization: 'organization_id' },
}

async function organizationOfScope(db: Queryable, scope: BudgetScope, scopeId: string): Promise<string> {
  const { table, organization } = scopeTables[scope]
  const { rows } = await db.query<{ organization_id: string }>(
    `select ${organization} as organization_id from ${table} where id = $1`,
    [scopeId],
  )
  const row = rows[0]
  if (row === undefined) {
    throw new GatewayError('bad_request', `Invalid field "scope_id": no ${scope} "${scopeId}" exists`, {
      meta: { field: 'scope_id' },
    })
  }
  return row.organization_id
}

async function checkProviderKey(
  db: Queryable,
  organizationId: string,
  providerKey: string | null,
): Promise<void> {
  if (providerKey === null) return
  const { rows } = await db.query(
    'select 1 from provider_credentials where id = $1 and organization_id = $2',
    [providerKey, organizationId],
  )
  if (rows.length === 0) {
    throw new GatewayError(
      'bad_request',
      `Invalid field "provider_key": no provider credential "${providerKey}" in this organization`,
      { meta: { field: 'provider_key' } },
    )
  }
}

async function getRecord(db: Queryable, id: string, forUpdate = false): Promise<BudgetRecord> {
  const { rows } = await db.query<BudgetRecord>(
    `select ${budgetColumns} from budgets where id = $1${forUpdate ? ' for update' : ''}`,
    [id],
  )
  const row = rows[0]
  if (row === undefined) throw new GatewayError('not_found', `Budget "${id}" not found`, { meta: { id } })
  return fromBudgetRow(row)
}

async function withSpend(db: Queryable, record: BudgetRecord, nowMs: number): Promise<Budget> {
  const spent = await loadCurrentSpend(db, [record], nowMs)
  return toBudget(record, spent.get(record.id) ?? 0, nowMs)
}

/**
 * Creates a budget and records BUDGET_CREATED.
 *
 * @example
 * await createBudget(deps, { scope: 'project', scope_id: project.id, window: 'month', limit_usd: 500,
 *   on_breach: 'block', provider_key: null, name: null, per_end_user: false, warn_ratio: 0.9 })
 */
export async function createBudget(deps: BudgetDeps, input: CreateBudgetInput): Promise<Budget> {
  const organizationId = await organizationOfScope(deps.db, input.scope, input.scope_id)
  await checkProviderKey(deps.db, organizationId, input.provider_key)
  const nowMs = deps.now()
  const id = newId('bud', nowMs)
  const record = await deps.db.transaction(async (tx) => {
    const { rows } = await tx.query<BudgetRecord>(
      `insert into budgets (${budgetColumns}) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11, $12) returning ${budgetColumns}`,
      [
        id,
        organizationId,
        input.scope,
        input.scope_id,
        input.provider_key,
        input.window,
        usdToMicroUsd(input.limit_usd),
        input.on_breach,
        input.name,
        new Date(nowMs),
        input.per_end_user,
        input.warn_ratio,
      ],
    )
    await appendChange(tx, organizationId, { kind: 'BUDGET_CREATED', budget_id: id }, nowMs)
    return fromBudgetRow(rows[0]!)
  })
  deps.notifier.notify(organizationId)
  return toBudget(record, 0, nowMs)
}

/** Budgets matching the filters, oldest first, each with its current spend. */
export async function listBudgets(db: Queryable, query: ListBudgetsQuery, nowMs: number): Promise<Budget[]> {
  const { rows } = await db.query<BudgetRecord>(
    `select ${budgetColumns} from budgets
     where ($1::text is null or organization_id = $1) and ($2::text is null or scope = $2)
       and ($3::text is null or scope_id = $3)
     order by id limit 1000`,
    [query.organization_id ?? null, query.scope ?? null, query.scope_id ?? null],
  )
  const records = rows.map(fromBudgetRow)
  const spent = await loadCurrentSpend(db, records, nowMs)
  return records.map((record) => toBudget(record, spent.get(record.id) ?? 0, nowMs))
}

/** One budget with its current spend; 404 when absent. */
export async function getBudget(db: Queryable, id: string, nowMs: number): Promise<Budget> {
  return withSpend(db, await getRecord(db, id), nowMs)
}

/** Patches a budget and records BUDGET_UPDATED. */
export async function updateBudget(deps: BudgetDeps, id: string, input: UpdateBudgetInput): Promise<Budget> {
  const nowMs = deps.now()
  const record = await deps.db.transaction(async (tx) => {
    const current = await getRecord(tx, id, true)
    const providerKey = input.provider_key === undefined ? current.provider_key : input.provider_key
    await checkProviderKey(tx, current.organization_id, providerKey)
    const { rows } = await tx.query<BudgetRecord>(
      `update budgets set budget_window = $2, limit_micro_usd = $3, on_breach = $4, provider_key = $5, name = $6,
         updated_at = $7, warn_ratio = $8 where id = $1 returning ${budgetColumns}`,
      [
        id,
        input.window ?? current.budget_window,
        input.limit_usd === undefined ? current.limit_micro_usd : usdToMicroUsd(input.limit_usd),
        input.on_breach ?? current.on_breach,
        providerKey,
        input.name === undefined ? current.name : input.name,
        new Date(nowMs),
        input.warn_ratio === undefined ? current.warn_ratio : input.warn_ratio,
      ],
    )
    await appendChange(tx, current.organization_id, { kind: 'BUDGET_UPDATED', budget_id: id }, nowMs)
    return fromBudgetRow(rows[0]!)
  })
  deps.notifier.notify(record.organization_id)
  return withSpend(deps.db, record, nowMs)
}

/** Deletes a budget (its ledger rows go with it) and records BUDGET_DELETED. */
export async function deleteBudget(deps: BudgetDeps, id: string): Promise<void> {
  const nowMs = deps.now()
  const organizationId = await deps.db.transaction(async (tx) => {
    const current = await getRecord(tx, id, true)
    await tx.query('delete from budgets where id = $1', [id])
    await appendChange(tx, current.organization_id, { kind: 'BUDGET_DELETED', budget_id: id }, nowMs)
    return current.organization_id
  })
  deps.notifier.notify(organizationId)
}

/** Zeroes the current window's spend (every end user's, for a template) and records BUDGET_UPDATED so gateways refetch it. */
export async function resetBudget(deps: BudgetDeps, id: string): Promise<Budget> {
  const nowMs = deps.now()
  const record = await deps.db.transaction(async (tx) => {
    const current = await getRecord(tx, id, true)
    await tx.query('delete from budget_spend where budget_id = $1 and window_start = $2', [
      id,
      new Date(windowStartMs(current.budget_window, nowMs)),
    ])
    await resetEndUserBuckets(tx, current, nowMs)
    await tx.query('update budgets set updated_at = $2 where id = $1', [id, new Date(nowMs)])
    await appendChange(tx, current.organization_id, { kind: 'BUDGET_UPDATED', budget_id: id }, nowMs)
    return current
  })
  deps.notifier.notify(record.organization_id)
  return toBudget(record, 0, nowMs)
}
