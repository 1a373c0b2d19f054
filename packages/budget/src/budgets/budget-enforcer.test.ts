import type { BudgetConfig } from '@gw/contract'
import { describe, expect, it } from 'vitest'
import { createBudgetEnforcer } from './budget-enforcer.js'

const now = Date.UTC(2026, 11, 6, 12)

function budget(overrides: Partial<BudgetConfig> = {}): BudgetConfig {
  return {
    id: 'bud_key',
    scope: 'virtual_key',
    scope_id: 'vk_1',
    provider_key: null,
    window: 'month',
    limit_micro_usd: 10_000,
    spent_micro_usd: 0,
    resets_at: Date.UTC(2027, 0, 1) / 1000,
    on_breach: 'block',
    ...overrides,
  }
}

describe('createBudgetEnforcer', () => {
  it('returns no plan for a key without budgets', () => {
    expect(createBudgetEnforcer().planFor({ budgets: [] }, now)).toBeNull()
  })

  it('admits exactly as many concurrent reservations as the limit holds', () => {
    const enforcer = createBudgetEnforcer()
    const plan = enforcer.planFor({ budgets: [budget()] }, now)!
    const outcomes = Array.from({ length: 500 }, () => enforcer.admit(plan, 1_000, now))
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(10)
    const refused = outcomes.find((outcome) => !outcome.ok)
    expect(refused?.ok === false && refused.breach.usedMicroUsd).toBe(10_000)
  })

  it('refuses when any block bucket would pass its limit, reserving in none', () => {
    const enforcer = createBudgetEnforcer()
    const config = {
      budgets: [
        budget({ id: 'org', scope: 'organization' }),
        budget({ id: 'proj', scope: 'project', limit_micro_usd: 500 }),
      ],
    }
    const plan = enforcer.planFor(config, now)!
    const outcome = enforcer.admit(plan, 600, now)
    expect(outcome.ok).toBe(false)
    if (!outcome.ok) expect(outcome.breach.budget.id).toBe('proj')
    const next = enforcer.admit(plan, 400, now)
    expect(next.ok && next.reservation.counters.map((counter) => counter.reservedMicroUsd)).toEqual([
      400, 400,
    ])
  })

  it('refuses a zero estimate once the limit is reached', () => {
    const enforcer = createBudgetEnforcer()
    const plan = enforcer.planFor({ budgets: [budget({ spent_micro_usd: 10_000 })] }, now)!
    expect(enforcer.admit(plan, 0, now).ok).toBe(false)
  })

  it('only warns for on_breach warn budgets', () => {
    const enforcer = createBudgetEnforcer()
    const plan = enforcer.planFor({ budgets: [budget({ on_breach: 'warn', limit_micro_usd: 100 })] }, now)!
    const outcome = enforcer.admit(plan, 250, now)
    expect(outcome.ok && outcome.warning).toBe('virtual_key:250')
  })

  it('warns from the warning ratio with scope, provider and percent', () => {
    const enforcer = createBudgetEnforcer({ warnRatio: 0.5 })
    const plan = enforcer.planFor(
      { budgets: [budget(), budget({ id: 'p', scope: 'project', provider_key: 'mp_a' })] },
      now,
    )!
    expect(enforcer.admit(plan, 4_000, now)).toMatchObject({ ok: true, warning: null })
    expect(enforcer.admit(plan, 1_500, now)).toMatchObject({
      ok: true,
      warning: 'virtual_key:55,project/mp_a:55',
    })
  })

  it("uses a budget's own warn_ratio over the enforcer's default", () => {
    const enforcer = createBudgetEnforcer({ warnRatio: 0.8 })
    const plan = enforcer.planFor(
      { budgets: [budget({ warn_ratio: 0.3 }), budget({ id: 'p', scope: 'project', warn_ratio: null })] },
      now,
    )!
    expect(enforcer.admit(plan, 2_000, now)).toMatchObject({ ok: true, warning: null })
    expect(enforcer.admit(plan, 1_500, now)).toMatchObject({ ok: true, warning: 'virtual_key:35' })
    expect(enforcer.admit(plan, 4_500, now)).toMatchObject({
      ok: true,
      warning: 'virtual_key:80,project:80',
    })
  })

  it('excludes a provider whose filtered budget is exhausted instead of refusing', () => {
    const enforcer = createBudgetEnforcer()
    const plan = enforcer.planFor(
      { budgets: [budget(), budget({ id: 'p', provider_key: 'mp_a', limit_micro_usd: 100 })] },
      now,
    )!
    const outcome = enforcer.admit(plan, 200, now)
    expect(outcome.ok).toBe(true)
    if (outcome.ok) {
      expect(outcome.excludedProviders.map((breach) => breach.budget.providerKey)).toEqual(['mp_a'])
      expect(outcome.reservation.budgets.map((held) => held.id)).toEqual(['bud_key'])
    }
  })

  it('settles to the actual cost and charges provider buckets only for the provider that served', () => {
    const enforcer = createBudgetEnforcer()
    const plan = enforcer.planFor({ budgets: [budget(), budget({ id: 'p', provider_key: 'mp_a' })] }, now)!
    const outcome = enforcer.admit(plan, 3_000, now)
    if (!outcome.ok) throw new Error('expected admission')
    enforcer.settle(outcome.reservation, 1_200, 'mp_b', now)
    enforcer.settle(outcome.reservation, 1_200, 'mp_b', now)
    const [keyCounter, providerCounter] = outcome.reservation.counters
    expect(keyCounter).toMatchObject({ spentMicroUsd: 1_200, reservedMicroUsd: 0 })
    expect(providerCounter).toMatchObject({ spentMicroUsd: 0, reservedMicroUsd: 0 })
  })

  it('releases a failed request without charging it', () => {
    const enforcer = createBudgetEnforcer()
    const plan = enforcer.planFor({ budgets: [budget()] }, now)!
    const first = enforcer.admit(plan, 10_000, now)
    expect(enforcer.admit(plan, 1, now).ok).toBe(false)
    if (first.ok) enforcer.release(first.reservation)
    expect(enforcer.admit(plan, 10_000, now).ok).toBe(true)
  })

  it('takes the control plane spend for the current window and ignores a stale window', () => {
    const enforcer = createBudgetEnforcer()
    const current = enforcer.planFor({ budgets: [budget({ spent_micro_usd: 9_500 })] }, now)!
    expect(enforcer.admit(current, 600, now).ok).toBe(false)
    const stale = createBudgetEnforcer().planFor(
      { budgets: [budget({ spent_micro_usd: 9_500, resets_at: Date.UTC(2026, 11, 1) / 1000 })] },
      now,
    )!
    expect(createBudgetEnforcer().admit(stale, 600, now).ok).toBe(true)
  })

  it('unblocks a blocked key when the window rolls over, with no new config', () => {
    const enforcer = createBudgetEnforcer()
    const plan = enforcer.planFor({ budgets: [budget({ window: 'minute', resets_at: null })] }, now)!
    const first = enforcer.admit(plan, 10_000, now)
    if (first.ok) enforcer.settle(first.reservation, 10_000, null, now + 1_000)
    expect(enforcer.admit(plan, 1, now + 2_000).ok).toBe(false)
    expect(enforcer.admit(plan, 1, now + 60_000).ok).toBe(true)
  })

  it('compiles once per config object', () => {
    const enforcer = createBudgetEnforcer()
    const config = { budgets: [budget()] }
    expect(enforcer.planFor(config, now)).toBe(enforcer.planFor(config, now))
  })
})
