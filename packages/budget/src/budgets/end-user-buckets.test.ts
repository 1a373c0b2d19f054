import type { BudgetConfig } from '@gw/contract'
import { describe, expect, it } from 'vitest'
import { createBudgetEnforcer } from './budget-enforcer.js'
import { budgetExceededError } from './budget-errors.js'

const now = Date.UTC(2026, 11, 6, 12)

const template: BudgetConfig = {
  id: 'bud_eu',
  scope: 'project',
  scope_id: 'proj_1',
  provider_key: null,
  window: 'day',
  limit_micro_usd: 3_000,
  // A template's reported figure is no end user's spend: it must not seed any bucket.
  spent_micro_usd: 2_500,
  resets_at: Date.UTC(2026, 11, 7) / 1000,
  on_breach: 'block',
  per_end_user: true,
}

describe('per-end-user templates in process', () => {
  it('gives each end user its own bucket of the limit', () => {
    const enforcer = createBudgetEnforcer()
    const plan = enforcer.planFor({ budgets: [template] }, now)!
    expect(plan.perEndUser).toBe(true)
    const alice = Array.from({ length: 10 }, () => enforcer.admit(plan, 1_000, now, 'alice'))
    expect(alice.filter((outcome) => outcome.ok)).toHaveLength(3)
    const bob = Array.from({ length: 10 }, () => enforcer.admit(plan, 1_000, now, 'bob'))
    expect(bob.filter((outcome) => outcome.ok)).toHaveLength(3)
    const refused = alice.find((outcome) => !outcome.ok)
    if (refused === undefined || refused.ok) throw new Error('expected a refusal')
    expect(refused.breach.endUserId).toBe('alice')
    expect(budgetExceededError(refused.breach).meta).toMatchObject({
      end_user_id: 'alice',
      budget_id: 'bud_eu',
    })
  })

  it('knows which end-user buckets it holds and raises one to the control plane figure', () => {
    const enforcer = createBudgetEnforcer()
    const plan = enforcer.planFor({ budgets: [template] }, now)!
    const budget = plan.budgets[0]!
    expect(enforcer.hasEndUserBucket(budget, 'carol')).toBe(false)
    enforcer.reconcileEndUser(budget, 'carol', 2_500, now)
    expect(enforcer.hasEndUserBucket(budget, 'carol')).toBe(true)
    expect(enforcer.admit(plan, 1_000, now, 'carol').ok).toBe(false)
    expect(enforcer.admit(plan, 500, now, 'carol').ok).toBe(true)
    // Never lowered: a stale, smaller figure leaves the bucket as it is.
    enforcer.reconcileEndUser(budget, 'carol', 0, now)
    expect(enforcer.admit(plan, 1, now, 'carol').ok).toBe(false)
  })

  it('names templates end_user in the warning header', () => {
    const enforcer = createBudgetEnforcer()
    const plan = enforcer.planFor({ budgets: [template] }, now)!
    const admission = enforcer.admit(plan, 2_700, now, 'dave')
    expect(admission.ok && admission.warning).toBe('end_user:90')
  })
})
