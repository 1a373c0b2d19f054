import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, seedTenant, startHarness } from '../test-utils/harness.js'

let h: Harness
// Sunday 2026-12-06 12:00:30 UTC: the minute window ends 30 s later, the week began Monday 11-30.
const startMs = Date.UTC(2026, 11, 6, 12, 0, 30)

beforeAll(async () => {
  h = await startHarness({ startMs })
})
afterAll(async () => {
  await h?.close()
})

interface BudgetView {
  id: string
  spent_micro_usd: number
  spent_usd: number
  limit_micro_usd: number
  resets_at: string | null
}

async function createBudget(body: Record<string, unknown>): Promise<BudgetView> {
  const response = await h.admin('POST', '/budgets', body)
  expect(response.status, response.text).toBe(201)
  return response.body as BudgetView
}

let seq = 0
function confirm(keyId: string, cost: number, extra: Record<string, unknown> = {}) {
  seq += 1
  return {
    command: 'confirmSpend',
    pod_id: 'pod-a',
    pod_seq: seq,
    payload: {
      gateway_request_id: `req-${seq}`,
      vk_id: keyId,
      model: 'gpt-4o-mini',
      cost_micro_usd: cost,
      usage: { input_tokens: 10, output_tokens: 5 },
      occurred_at: h.now(),
      ...extra,
    },
  }
}

async function configBudgets(
  keyId: string,
): Promise<{ id: string; spent_micro_usd: number; resets_at: number | null }[]> {
  const response = await h.internal('GET', `/config/${keyId}`)
  expect(response.status).toBe(200)
  return (response.body as { budgets: { id: string; spent_micro_usd: number; resets_at: number | null }[] })
    .budgets
}

describe('budgets admin API', () => {
  it('validates the body and names the field to fix', async () => {
    const tenant = await seedTenant(h)
    const badScope = await h.admin('POST', '/budgets', {
      scope: 'galaxy',
      scope_id: tenant.projectId,
      window: 'month',
      limit_usd: 5,
    })
    expect(badScope.status).toBe(400)
    expect(badScope.body).toMatchObject({ error: { code: 'bad_request', meta: { field: 'scope' } } })
    const unknownScope = await h.admin('POST', '/budgets', {
      scope: 'project',
      scope_id: 'proj_missing',
      window: 'week',
      limit_usd: 5,
    })
    expect(unknownScope.body).toMatchObject({ error: { code: 'bad_request', meta: { field: 'scope_id' } } })
    const badProvider = await h.admin('POST', '/budgets', {
      scope: 'project',
      scope_id: tenant.projectId,
      window: 'week',
      limit_usd: 5,
      provider_key: 'mp_elsewhere',
    })
    expect(badProvider.body).toMatchObject({ error: { meta: { field: 'provider_key' } } })
  })

  it('creates, lists, updates and deletes a budget, each on the change feed', async () => {
    const tenant = await seedTenant(h)
    const budget = await createBudget({
      scope: 'project',
      scope_id: tenant.projectId,
      window: 'month',
      limit_usd: 500,
    })
    expect(budget).toMatchObject({ limit_micro_usd: 500_000_000, resets_at: '2027-01-01T00:00:00.000Z' })
    const list = await h.admin('GET', `/budgets?organization_id=${tenant.organizationId}`)
    expect((list.body as { data: BudgetView[] }).data.map((row) => row.id)).toEqual([budget.id])
    const updated = await h.admin('PATCH', `/budgets/${budget.id}`, { limit_usd: 1.5, on_breach: 'warn' })
    expect(updated.body).toMatchObject({ limit_micro_usd: 1_500_000, on_breach: 'warn' })
    expect((await h.admin('DELETE', `/budgets/${budget.id}`)).status).toBe(204)
    expect((await h.admin('GET', `/budgets/${budget.id}`)).status).toBe(404)
    const feed = await h.internal(
      'GET',
      `/changes?organization_id=${tenant.organizationId}&since=0&timeout_s=1`,
    )
    const kinds = (feed.body as { changes: { kind: string; budget_id?: string }[] }).changes.filter(
      (change) => change.budget_id === budget.id,
    )
    expect(kinds.map((change) => change.kind)).toEqual(['BUDGET_CREATED', 'BUDGET_UPDATED', 'BUDGET_DELETED'])
  })
})

describe('the spend ledger', () => {
  it('puts each applicable budget in /config with its spend and reset time', async () => {
    const tenant = await seedTenant(h)
    const other = await seedTenant(h)
    const org = await createBudget({
      scope: 'organization',
      scope_id: tenant.organizationId,
      window: 'week',
      limit_usd: 9,
    })
    const key = await createBudget({
      scope: 'virtual_key',
      scope_id: tenant.keyId,
      window: 'total',
      limit_usd: 1,
    })
    await createBudget({ scope: 'project', scope_id: other.projectId, window: 'day', limit_usd: 1 })
    const budgets = await configBudgets(tenant.keyId)
    expect(budgets.map((budget) => budget.id)).toEqual([org.id, key.id])
    expect(budgets[0]).toMatchObject({ spent_micro_usd: 0, resets_at: Date.UTC(2026, 11, 7) / 1000 })
    expect(budgets[1]).toMatchObject({ resets_at: null })
  })

  it('adds confirmed cost once per request id, to matching budgets only', async () => {
    const tenant = await seedTenant(h)
    const provider = await h.admin('POST', '/provider-credentials', {
      project_id: tenant.projectId,
      type: 'openai',
      name: 'openai',
      credentials: { api_key: 'sk-test-0123456789abcdef' },
    })
    const providerId = (provider.body as { id: string }).id
    const all = await createBudget({
      scope: 'project',
      scope_id: tenant.projectId,
      window: 'month',
      limit_usd: 5,
    })
    const filtered = await createBudget({
      scope: 'project',
      scope_id: tenant.projectId,
      window: 'month',
      limit_usd: 5,
      provider_key: providerId,
    })
    const first = confirm(tenant.keyId, 1_250, { model_provider_id: providerId })
    const batch = {
      records: [
        first,
        confirm(tenant.keyId, 700, { model_provider_id: 'mp_other' }),
        { ...confirm(tenant.keyId, 0), command: 'admitSpend' },
      ],
    }
    expect((await h.internal('POST', '/spend-commands', batch)).body).toEqual({ accepted: 3, rejected: [] })
    await h.internal('POST', '/spend-commands', { records: [first] })
    const spent = new Map(
      (await configBudgets(tenant.keyId)).map((budget) => [budget.id, budget.spent_micro_usd]),
    )
    expect(spent.get(all.id)).toBe(1_950)
    expect(spent.get(filtered.id)).toBe(1_250)
  })

  it('sums one batch across keys and windows into each bucket (one ledger pass per batch)', async () => {
    const tenant = await seedTenant(h)
    const other = await seedTenant(h)
    const minute = await createBudget({
      scope: 'virtual_key',
      scope_id: tenant.keyId,
      window: 'minute',
      limit_usd: 1,
    })
    const otherMonth = await createBudget({
      scope: 'virtual_key',
      scope_id: other.keyId,
      window: 'month',
      limit_usd: 1,
    })
    const records = [
      confirm(tenant.keyId, 100, { occurred_at: h.now() - 60_000 }),
      confirm(tenant.keyId, 30),
      confirm(tenant.keyId, 12),
      confirm(other.keyId, 7),
      confirm(other.keyId, 8, { model: 'o3' }),
    ]
    expect((await h.internal('POST', '/spend-commands', { records })).body).toEqual({
      accepted: 5,
      rejected: [],
    })
    const spent = async (keyId: string, budgetId: string) =>
      (await configBudgets(keyId)).find((budget) => budget.id === budgetId)?.spent_micro_usd
    expect(await spent(tenant.keyId, minute.id)).toBe(42)
    expect(await spent(other.keyId, otherMonth.id)).toBe(15)
  })

  it('rolls a window over by timestamp and zeroes it on reset', async () => {
    const tenant = await seedTenant(h)
    const minute = await createBudget({
      scope: 'virtual_key',
      scope_id: tenant.keyId,
      window: 'minute',
      limit_usd: 1,
    })
    const month = await createBudget({
      scope: 'virtual_key',
      scope_id: tenant.keyId,
      window: 'month',
      limit_usd: 1,
    })
    await h.internal('POST', '/spend-commands', { records: [confirm(tenant.keyId, 400)] })
    h.advance(60_000)
    const after = new Map(
      (await configBudgets(tenant.keyId)).map((budget) => [budget.id, budget.spent_micro_usd]),
    )
    expect(after.get(minute.id)).toBe(0)
    expect(after.get(month.id)).toBe(400)
    const reset = await h.admin('POST', `/budgets/${month.id}/reset`)
    expect(reset.body).toMatchObject({ spent_micro_usd: 0 })
    expect((await h.admin('GET', `/budgets/${month.id}`)).body).toMatchObject({ spent_micro_usd: 0 })
  })

  it('answers spend per day, key and model', async () => {
    const tenant = await seedTenant(h)
    await h.internal('POST', '/spend-commands', {
      records: [
        confirm(tenant.keyId, 100),
        confirm(tenant.keyId, 200),
        confirm(tenant.keyId, 50, { model: 'o3' }),
      ],
    })
    const response = await h.admin('GET', `/spend?project_id=${tenant.projectId}`)
    const rows = (response.body as { data: Record<string, unknown>[] }).data
    const day = new Date(h.now()).toISOString().slice(0, 10)
    expect(rows).toEqual([
      expect.objectContaining({
        day,
        model: 'gpt-4o-mini',
        requests: 2,
        cost_micro_usd: 300,
        input_tokens: 20,
      }),
      expect.objectContaining({ day, model: 'o3', requests: 1, cost_usd: 0.00005 }),
    ])
    const bad = await h.admin('GET', '/spend?from=yesterday')
    expect(bad.body).toMatchObject({ error: { code: 'bad_request', meta: { field: 'from' } } })
  })
})
