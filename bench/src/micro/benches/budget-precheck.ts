// Budgets and rate limits per request: precheck + reserve over 3 scopes, and the whole in-process step.

import {
  createBudgetEnforcer,
  createRateLimiter,
  estimateCostMicroUsd,
  estimateInputTokens,
} from '@gw/budget'
import type { BudgetConfig } from '@gw/contract'
import { registerMicro } from '../registry.js'

const scopes = ['organization', 'project', 'virtual_key'] as const

// Limits far above what a run spends, so every operation takes the admitted path.
function threeScopeConfig(): { budgets: BudgetConfig[] } {
  return {
    budgets: scopes.map((scope) => ({
      id: `bud_${scope}`,
      scope,
      scope_id: `${scope}_1`,
      provider_key: null,
      window: 'month',
      limit_micro_usd: Number.MAX_SAFE_INTEGER,
      spent_micro_usd: 0,
      resets_at: null,
      on_breach: 'block' as const,
    })),
  }
}

registerMicro({
  name: 'budget precheck',
  description: 'Precheck + reserve + settle over 3 scopes (in-process counters)',
  preDispatch: true,
  reference: { name: 'Precheck (cached, 3 scopes)', nsPerOp: 4.6, allocsPerOp: 0 },
  async setup() {
    const enforcer = createBudgetEnforcer()
    const config = threeScopeConfig()
    return {
      operation: () => {
        const now = Date.now()
        const plan = enforcer.planFor(config, now)
        if (plan === null) return
        const admission = enforcer.admit(plan, 2_000, now)
        if (admission.ok) enforcer.settle(admission.reservation, 1_500, null, now)
      },
      note: '@gw/budget createBudgetEnforcer: planFor (cached) → admit → settle',
    }
  },
})

registerMicro({
  name: 'rate limit + budget step',
  description: 'RPM/RPD/TPM admit + cost estimate + precheck/reserve/settle over 3 scopes + TPM settle',
  async setup() {
    const enforcer = createBudgetEnforcer()
    const limiter = createRateLimiter()
    const config = threeScopeConfig()
    const limits = {
      rpm: Number.MAX_SAFE_INTEGER,
      rpd: Number.MAX_SAFE_INTEGER,
      tpm: Number.MAX_SAFE_INTEGER,
    }
    const price = { input: 0.15, output: 0.6 }
    return {
      operation: () => {
        const now = Date.now()
        const inputTokens = estimateInputTokens(1_200)
        const decision = limiter.admit('vk_bench', limits, inputTokens, now)
        const plan = enforcer.planFor(config, now)
        if (!decision.ok || plan === null) return
        const estimate = estimateCostMicroUsd({
          inputTokens,
          maxOutputTokens: 256,
          defaultOutputTokens: 1_024,
          price,
        })
        const admission = enforcer.admit(plan, estimate, now)
        if (admission.ok) enforcer.settle(admission.reservation, 180, null, now)
        limiter.settleTokens(decision, 400)
      },
      note: 'what the gateway steps "rate limit", "spend admit" and "spend confirm" compute in process',
    }
  },
})

registerMicro({
  name: 'budget step, per-end-user template',
  description:
    'Precheck + reserve + settle over 3 scopes where the project budget is a per-end-user template (1,000 end users)',
  async setup() {
    const enforcer = createBudgetEnforcer()
    const config = threeScopeConfig()
    config.budgets[1] = { ...config.budgets[1]!, per_end_user: true }
    const endUsers = Array.from({ length: 1_000 }, (_, index) => `user-${index}`)
    let next = 0
    return {
      operation: () => {
        const now = Date.now()
        const plan = enforcer.planFor(config, now)
        if (plan === null) return
        next = (next + 1) % endUsers.length
        const admission = enforcer.admit(plan, 2_000, now, endUsers[next])
        if (admission.ok) enforcer.settle(admission.reservation, 1_500, null, now)
      },
      note: 'the end user picks its own bucket (one key string per request); reconciliation with the control plane is a first-sight read, not timed here',
    }
  },
})
