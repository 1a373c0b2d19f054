// The 402 budget_exceeded error with LangWatch's meta keys plus limit, spend and reset time.
import { GatewayError } from '@gw/contract'
import { microUsdToUsd } from '../money/micro-usd.js'
import type { BudgetBreach } from './budget-enforcer.js'

/**
 * Builds the 402 for a breach. `meta`: `budget_id`, `budget_scope`, `budget_window`,
 * `budget_provider` (provider-filtered budgets), `limit_usd`, `spent_usd` (spent plus reserved
 * by requests in flight), `resets_at` (ISO 8601, null for `total`) and, for a per-end-user
 * template, `end_user_id`.
 *
 * @example
 * if (!admission.ok) throw budgetExceededError(admission.breach)
 */
export function budgetExceededError(breach: BudgetBreach): GatewayError {
  const { budget } = breach
  const resetsAt = breach.resetsAtMs === null ? null : new Date(breach.resetsAtMs).toISOString()
  const meta: Record<string, unknown> = {
    budget_id: budget.id,
    budget_scope: budget.scope,
    budget_window: budget.window,
    limit_usd: microUsdToUsd(budget.limitMicroUsd),
    spent_usd: microUsdToUsd(breach.usedMicroUsd),
    resets_at: resetsAt,
  }
  if (budget.providerKey !== null) meta.budget_provider = budget.providerKey
  if (breach.endUserId !== undefined) meta.end_user_id = breach.endUserId
  const when = resetsAt === null ? 'it never resets' : `it resets at ${resetsAt}`
  return new GatewayError(
    'budget_exceeded',
    `Budget "${budget.id}" (${budget.label}, ${budget.window}) is exhausted: ${meta.spent_usd} of ${meta.limit_usd} USD used; ${when}. Raise its limit or wait for the reset`,
    { meta },
  )
}
