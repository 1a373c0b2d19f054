import { describe, expect, it } from 'vitest'
import { budgetExceededError } from './budget-errors.js'
import { compileBudgetPlan } from './compile-budget-plan.js'

describe('budgetExceededError', () => {
  it('is a 402 budget_exceeded with the budget, limit, spend and reset in meta', () => {
    const plan = compileBudgetPlan([
      {
        id: 'bud_1',
        scope: 'project',
        scope_id: 'proj_1',
        provider_key: 'mp_openai',
        window: 'day',
        limit_micro_usd: 5_000_000,
        spent_micro_usd: 0,
        resets_at: null,
        on_breach: 'block',
      },
    ])!
    const error = budgetExceededError({
      budget: plan.budgets[0]!,
      usedMicroUsd: 4_900_000,
      resetsAtMs: Date.UTC(2026, 11, 7),
    })
    expect(error.status).toBe(402)
    expect(error.toEnvelope().error).toMatchObject({
      code: 'budget_exceeded',
      type: 'insufficient_quota',
      meta: {
        budget_id: 'bud_1',
        budget_scope: 'project',
        budget_window: 'day',
        budget_provider: 'mp_openai',
        limit_usd: 5,
        spent_usd: 4.9,
        resets_at: '2026-12-07T00:00:00.000Z',
      },
    })
  })
})
