// A budget's own warn_ratio: validated on create and update, shown by the admin API, sent in /config.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, seedTenant, startHarness } from '../test-utils/harness.js'

let h: Harness

beforeAll(async () => {
  h = await startHarness({ startMs: Date.UTC(2026, 11, 6, 12) })
})
afterAll(async () => {
  await h?.close()
})

async function configBudgets(keyId: string): Promise<{ id: string; warn_ratio?: number | null }[]> {
  const response = await h.internal('GET', `/config/${keyId}`)
  expect(response.status).toBe(200)
  return (response.body as { budgets: { id: string; warn_ratio?: number | null }[] }).budgets
}

describe('budget warn_ratio', () => {
  it('stores it on create, changes and clears it on update, and sends it in /config', async () => {
    const tenant = await seedTenant(h)
    const created = await h.admin('POST', '/budgets', {
      scope: 'virtual_key',
      scope_id: tenant.keyId,
      window: 'month',
      limit_usd: 10,
      warn_ratio: 0.9,
    })
    expect(created.status, created.text).toBe(201)
    const budget = created.body as { id: string; warn_ratio: number | null }
    expect(budget.warn_ratio).toBe(0.9)
    expect(await configBudgets(tenant.keyId)).toMatchObject([{ id: budget.id, warn_ratio: 0.9 }])

    const patched = await h.admin('PATCH', `/budgets/${budget.id}`, { warn_ratio: 0.5 })
    expect(patched.body).toMatchObject({ warn_ratio: 0.5 })
    const untouched = await h.admin('PATCH', `/budgets/${budget.id}`, { limit_usd: 20 })
    expect(untouched.body).toMatchObject({ warn_ratio: 0.5, limit_usd: 20 })
    expect((await h.admin('GET', `/budgets/${budget.id}`)).body).toMatchObject({ warn_ratio: 0.5 })

    const cleared = await h.admin('PATCH', `/budgets/${budget.id}`, { warn_ratio: null })
    expect(cleared.body).toMatchObject({ warn_ratio: null })
    expect(await configBudgets(tenant.keyId)).toMatchObject([{ id: budget.id, warn_ratio: null }])
  })

  it('defaults to null (the gateway default) when absent', async () => {
    const tenant = await seedTenant(h)
    const created = await h.admin('POST', '/budgets', {
      scope: 'project',
      scope_id: tenant.projectId,
      window: 'day',
      limit_usd: 5,
    })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ warn_ratio: null })
  })

  it('refuses a ratio out of 0.01–1 with bad_request naming warn_ratio', async () => {
    const tenant = await seedTenant(h)
    for (const warn_ratio of [0, 1.5, -0.2, '0.9']) {
      const refused = await h.admin('POST', '/budgets', {
        scope: 'project',
        scope_id: tenant.projectId,
        window: 'day',
        limit_usd: 5,
        warn_ratio,
      })
      expect(refused.status, String(warn_ratio)).toBe(400)
      expect(refused.body).toMatchObject({ error: { code: 'bad_request', meta: { field: 'warn_ratio' } } })
    }
    const created = await h.admin('POST', '/budgets', {
      scope: 'project',
      scope_id: tenant.projectId,
      window: 'day',
      limit_usd: 5,
    })
    const id = (created.body as { id: string }).id
    const refusedPatch = await h.admin('PATCH', `/budgets/${id}`, { warn_ratio: 2 })
    expect(refusedPatch.status).toBe(400)
    expect(refusedPatch.body).toMatchObject({ error: { code: 'bad_request', meta: { field: 'warn_ratio' } } })
  })
})
