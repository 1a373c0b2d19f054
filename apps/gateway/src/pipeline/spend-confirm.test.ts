// "Spend confirm" hands the deferred admit's ticket back on every ending, settles or releases the
// reservation, and records one confirm or fail.
import type { CachedKey } from '@gw/auth-cache'
import { createBudgetEnforcer } from '@gw/budget'
import type { ForwardResult } from '@gw/providers'
import { describe, expect, it } from 'vitest'
import type { Budgets } from '../governance/create-budgets.js'
import { confirmSpend, releaseSpend, type SpendSettlement } from './spend-confirm.js'

const key = {
  claims: { vk_id: 'vk_1', org_id: 'org_1', project_id: 'prj_1', team_id: null, principal_id: null },
  config: { budgets: [], price_overrides: [], providers: [] },
} as unknown as CachedKey

function governanceWithBudget() {
  const enforcer = createBudgetEnforcer()
  const plan = enforcer.planFor(
    {
      budgets: [
        {
          id: 'bud_1',
          scope: 'virtual_key',
          scope_id: 'vk_1',
          window: 'month',
          limit_micro_usd: 1_000_000,
          on_breach: 'block',
          spent_micro_usd: 0,
          resets_at: null,
          provider_key: null,
        },
      ] as never,
    },
    Date.now(),
  )!
  const finished: number[] = []
  const records: string[] = []
  const governance = {
    enforcer,
    admits: { admit: () => 7, finish: (ticket: number) => finished.push(ticket), close() {} },
    spool: { appendEncoded: (command: string) => records.push(command) > 0 },
    recordAllSpend: false,
    now: () => Date.now(),
  } as unknown as Budgets
  const admitted = enforcer.admit(plan, 500, Date.now())
  if (!admitted.ok) throw new Error('the test budget refused')
  const settlement: SpendSettlement = {
    context: { requestId: 'req_1' },
    rateLimit: undefined,
    spend: {
      reservation: admitted.reservation,
      shared: null,
      estimateMicroUsd: 500,
      excluded: [],
      endUserId: null,
      admitTicket: 7,
    },
  }
  return { governance, settlement, finished, records, reservation: admitted.reservation }
}

const result = (overrides: Partial<ForwardResult>): ForwardResult => ({
  status: 200,
  providerId: 'mp_openai',
  model: 'gpt-4o-mini',
  attempts: 1,
  fallbackCount: 0,
  records: [],
  usage: undefined,
  costMicroUsd: 300,
  streamed: false,
  clientAborted: false,
  streamError: undefined,
  ...overrides,
})

describe('spend confirm', () => {
  it('settles a completed request, records confirmSpend and hands the admit ticket back', () => {
    const { governance, settlement, finished, records, reservation } = governanceWithBudget()
    confirmSpend(governance, key, settlement, result({}))
    expect(reservation.done).toBe(true)
    expect(records).toEqual(['confirmSpend'])
    expect(finished).toEqual([7])
  })

  it('releases a failed request, records failSpend and hands the ticket back, once', () => {
    const { governance, settlement, finished, records, reservation } = governanceWithBudget()
    confirmSpend(governance, key, settlement, result({ status: 502, costMicroUsd: undefined }))
    expect(reservation.done).toBe(true)
    expect(records).toEqual(['failSpend'])
    expect(finished).toEqual([7])
    releaseSpend(governance, key, settlement, 'refused') // already released: nothing more
    expect(records).toEqual(['failSpend'])
    expect(finished).toEqual([7])
  })
})
