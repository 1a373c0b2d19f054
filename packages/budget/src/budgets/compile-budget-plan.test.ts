import { describe, expect, it } from 'vitest'
import { compileBudgetPlan } from './compile-budget-plan.js'

const base = {
  id: 'b',
  scope: 'team' as const,
  scope_id: 't',
  provider_key: null,
  limit_micro_usd: 1,
  spent_micro_usd: 0,
  resets_at: null,
  on_breach: 'block' as const,
}

describe('compileBudgetPlan', () => {
  it('returns null for no budgets so the step can return early', () => {
    expect(compileBudgetPlan([])).toBeNull()
  })

  it('keeps known windows, labels provider budgets and reports unknown windows', () => {
    const plan = compileBudgetPlan([
      { ...base, window: 'week', provider_key: 'mp_x' },
      { ...base, id: 'c', window: 'fortnight' },
    ])
    expect(plan?.budgets.map((budget) => [budget.label, budget.counterKey])).toEqual([
      ['team/mp_x', 'b|week'],
    ])
    expect(plan?.unknownWindows).toEqual(['fortnight'])
  })
})
