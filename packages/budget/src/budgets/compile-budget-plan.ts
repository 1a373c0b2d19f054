// Compiles a key's budgets[] once per config revision into what admit and settle walk per request.
import type { BudgetConfig, BudgetScope } from '@gw/contract'
import { type BudgetWindow, isBudgetWindow } from '../windows/budget-window.js'

/** One budget, ready for the hot path. */
export interface CompiledBudget {
  id: string
  scope: BudgetScope
  window: BudgetWindow
  limitMicroUsd: number
  /** `on_breach: block`; false → warn only. */
  block: boolean
  /** Provider credential the budget is limited to; null → every provider. */
  providerKey: string | null
  /** `<scope>[/<provider>]` (`end_user[/<provider>]` for a template), as the warning header names it. */
  label: string
  /** Counter key: the budget id and window, so a window change starts a fresh bucket. */
  counterKey: string
  /** The control plane's view when the config was fetched. */
  reportedSpentMicroUsd: number
  /** Unix seconds of the reported window's end; null for `total`. */
  reportedResetsAt: number | null
  /** A per-end-user template: each end user has its own bucket (`counterKey` + the end user). */
  perEndUser: boolean
  /** The budget's own warning ratio (`warn_ratio`); null → the enforcer's default. */
  warnRatio: number | null
}

/** A key's compiled budgets; null from {@link compileBudgetPlan} means none apply. */
export interface BudgetPlan {
  budgets: readonly CompiledBudget[]
  /** Budgets whose `window` this gateway does not know (ignored, reported once by the caller). */
  unknownWindows: readonly string[]
  /** At least one budget is a per-end-user template: requests must name their end user. */
  perEndUser: boolean
}

/**
 * Compiles budgets. Returns null when there are none, so a key without budgets pays nothing.
 *
 * @example
 * const plan = compileBudgetPlan(config.budgets)
 */
export function compileBudgetPlan(budgets: readonly BudgetConfig[]): BudgetPlan | null {
  if (budgets.length === 0) return null
  const compiled: CompiledBudget[] = []
  const unknownWindows: string[] = []
  let perEndUser = false
  for (const budget of budgets) {
    if (!isBudgetWindow(budget.window)) {
      unknownWindows.push(budget.window)
      continue
    }
    const template = budget.per_end_user === true
    perEndUser ||= template
    const scopeLabel = template ? 'end_user' : budget.scope
    compiled.push({
      id: budget.id,
      scope: budget.scope,
      window: budget.window,
      limitMicroUsd: budget.limit_micro_usd,
      block: budget.on_breach === 'block',
      providerKey: budget.provider_key,
      label: budget.provider_key === null ? scopeLabel : `${scopeLabel}/${budget.provider_key}`,
      counterKey: `${budget.id}|${budget.window}`,
      reportedSpentMicroUsd: budget.spent_micro_usd,
      reportedResetsAt: budget.resets_at,
      perEndUser: template,
      warnRatio: budget.warn_ratio ?? null,
    })
  }
  return compiled.length === 0 && unknownWindows.length === 0
    ? null
    : { budgets: compiled, unknownWindows, perEndUser }
}
