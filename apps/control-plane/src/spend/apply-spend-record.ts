// The ledger: folds one newly stored spend record into per-budget window totals and daily spend.

import { windowStartMs } from '@gw/budget'
import type { SpendRecord } from '@gw/contract'
import { addEndUserSpend } from '../budgets/end-user-spend.js'
import { appliesToKey, type BudgetSubject, loadOrganizationBudgets } from '../budgets/key-budgets.js'
import type { Queryable } from '../db/database.js'

const DAY_MS = 86_400_000

async function loadSubject(tx: Queryable, keyId: string): Promise<BudgetSubject | undefined> {
  const { rows } = await tx.query<BudgetSubject>(
    'select id, organization_id, project_id, team_id, principal_id from virtual_keys where id = $1',
    [keyId],
  )
  return rows[0]
}

/**
 * Applies one spend record, stored for the first time, to the ledger inside the caller's
 * transaction. Only `confirmSpend` moves money: `admitSpend` and `failSpend` are reservations
 * the gateway holds and releases itself. The cost is added to every budget of the key (its
 * organization, team, project, the key, its principal) whose provider filter matches, in the
 * window containing `occurred_at` (a per-end-user template: to the record's `end_user_id` bucket), and to the key's daily spend for the model. Keys and budgets
 * come from this database, never from the record.
 *
 * @example
 * if (inserted) await applySpendRecord(tx, record, Date.now())
 */
export async function applySpendRecord(
  tx: Queryable,
  record: SpendRecord,
  receivedAtMs: number,
): Promise<void> {
  if (record.command !== 'confirmSpend') return
  const { payload } = record
  if (payload.vk_id === undefined) return
  const subject = await loadSubject(tx, payload.vk_id)
  if (subject === undefined) return
  const cost = Math.max(0, Math.round(payload.cost_micro_usd ?? 0))
  const occurredAtMs = payload.occurred_at ?? receivedAtMs
  const providerId = payload.model_provider_id ?? null
  const budgets = (await loadOrganizationBudgets(tx, [subject.organization_id])).filter(
    (budget) =>
      appliesToKey(budget, subject) && (budget.provider_key === null || budget.provider_key === providerId),
  )
  for (const budget of budgets) {
    if (budget.per_end_user) {
      await addEndUserSpend(tx, budget, payload.end_user_id, occurredAtMs, cost)
      continue
    }
    await tx.query(
      `insert into budget_spend (budget_id, window_start, spent_micro_usd) values ($1, $2, $3)
       on conflict (budget_id, window_start) do update set spent_micro_usd = budget_spend.spent_micro_usd + excluded.spent_micro_usd`,
      [budget.id, new Date(windowStartMs(budget.budget_window, occurredAtMs)), cost],
    )
  }
  const usage = payload.usage
  await tx.query(
    `insert into spend_daily (day, virtual_key_id, model, organization_id, project_id, cost_micro_usd, requests, input_tokens, output_tokens)
     values ($1, $2, $3, $4, $5, $6, 1, $7, $8)
     on conflict (day, virtual_key_id, model) do update set
       cost_micro_usd = spend_daily.cost_micro_usd + excluded.cost_micro_usd,
       requests = spend_daily.requests + 1,
       input_tokens = spend_daily.input_tokens + excluded.input_tokens,
       output_tokens = spend_daily.output_tokens + excluded.output_tokens`,
    [
      new Date(occurredAtMs - (occurredAtMs % DAY_MS)).toISOString().slice(0, 10),
      subject.id,
      payload.model ?? 'unknown',
      subject.organization_id,
      subject.project_id,
      cost,
      (usage?.input_tokens ?? 0) +
        (usage?.cache_read_input_tokens ?? 0) +
        (usage?.cache_creation_input_tokens ?? 0),
      usage?.output_tokens ?? 0,
    ],
  )
}
