// The ledger: folds newly stored spend records into per-budget window totals and daily spend, a batch at a time.

import { windowStartMs } from '@gw/budget'
import type { SpendRecord } from '@gw/contract'
import { MAX_END_USER_ID_LENGTH } from '../budgets/end-user-spend.js'
import { appliesToKey, type BudgetSubject, loadOrganizationBudgets } from '../budgets/key-budgets.js'
import type { Queryable } from '../db/database.js'
import {
  type DailySpend,
  ledgerKey,
  upsertBudgetSpend,
  upsertDailySpend,
  upsertEndUserSpend,
} from './ledger-upserts.js'

const DAY_MS = 86_400_000

async function loadSubjects(tx: Queryable, keyIds: readonly string[]): Promise<Map<string, BudgetSubject>> {
  const { rows } = await tx.query<BudgetSubject>(
    'select id, organization_id, project_id, team_id, principal_id from virtual_keys where id = any($1::text[])',
    [[...new Set(keyIds)]],
  )
  return new Map(rows.map((row) => [row.id, row]))
}

function addTo(totals: Map<string, number>, key: string, cost: number): void {
  totals.set(key, (totals.get(key) ?? 0) + cost)
}

/**
 * Applies a batch of spend records, each stored for the first time, to the ledger inside the
 * caller's transaction. Only `confirmSpend` moves money: `admitSpend` and `failSpend` are
 * reservations the gateway holds and releases itself. Each cost is added to every budget of the
 * key (its organization, team, project, the key, its principal) whose provider filter matches,
 * in the window containing `occurred_at` (a per-end-user template: to the record's
 * `end_user_id` bucket), and to the key's daily spend for the model. Keys and budgets come from
 * this database, never from the record. The batch is summed in memory first, so it costs a fixed
 * number of statements (two reads, at most three upserts per 500 rows) whatever its size.
 *
 * @example
 * await applySpendLedger(tx, freshRecords, Date.now())
 */
export async function applySpendLedger(
  tx: Queryable,
  records: readonly SpendRecord[],
  receivedAtMs: number,
): Promise<void> {
  const confirms = records.filter((record) => record.command === 'confirmSpend' && record.payload.vk_id)
  if (confirms.length === 0) return
  const subjects = await loadSubjects(
    tx,
    confirms.map((record) => record.payload.vk_id!),
  )
  if (subjects.size === 0) return
  const budgets = await loadOrganizationBudgets(
    tx,
    [...subjects.values()].map((subject) => subject.organization_id),
  )
  const budgetSpend = new Map<string, number>()
  const endUserSpend = new Map<string, number>()
  const daily = new Map<string, DailySpend>()
  for (const { payload } of confirms) {
    const subject = subjects.get(payload.vk_id!)
    if (subject === undefined) continue
    const cost = Math.max(0, Math.round(payload.cost_micro_usd ?? 0))
    const occurredAtMs = payload.occurred_at ?? receivedAtMs
    const providerId = payload.model_provider_id ?? null
    for (const budget of budgets) {
      if (!appliesToKey(budget, subject)) continue
      if (budget.provider_key !== null && budget.provider_key !== providerId) continue
      const windowStart = windowStartMs(budget.budget_window, occurredAtMs)
      if (!budget.per_end_user) addTo(budgetSpend, ledgerKey(budget.id, windowStart), cost)
      else if (isBucketable(payload.end_user_id))
        addTo(endUserSpend, ledgerKey(budget.id, windowStart, payload.end_user_id), cost)
    }
    const day = new Date(occurredAtMs - (occurredAtMs % DAY_MS)).toISOString().slice(0, 10)
    const model = payload.model ?? 'unknown'
    const usage = payload.usage
    const key = ledgerKey(day, subject.id, model)
    const row = daily.get(key) ?? {
      day,
      virtualKeyId: subject.id,
      model,
      organizationId: subject.organization_id,
      projectId: subject.project_id,
      cost: 0,
      requests: 0,
      inputTokens: 0,
      outputTokens: 0,
    }
    row.cost += cost
    row.requests += 1
    row.inputTokens +=
      (usage?.input_tokens ?? 0) +
      (usage?.cache_read_input_tokens ?? 0) +
      (usage?.cache_creation_input_tokens ?? 0)
    row.outputTokens += usage?.output_tokens ?? 0
    daily.set(key, row)
  }
  await upsertBudgetSpend(tx, budgetSpend)
  await upsertEndUserSpend(tx, endUserSpend)
  await upsertDailySpend(tx, [...daily.values()])
}

/** A record without a usable end-user id charges no bucket (the gateway refuses such requests). */
function isBucketable(endUserId: string | undefined): endUserId is string {
  return endUserId !== undefined && endUserId !== '' && endUserId.length <= MAX_END_USER_ID_LENGTH
}
