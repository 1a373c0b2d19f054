import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, seedTenant, startHarness } from '../test-utils/harness.js'
import { cliAgainst } from '../test-utils/run-cli-against.js'

let h: Harness
// Sunday 2026-12-06 12:00:30 UTC.
const startMs = Date.UTC(2026, 11, 6, 12, 0, 30)

beforeAll(async () => {
  h = await startHarness({ startMs })
})
afterAll(async () => {
  await h?.close()
})

const cli = cliAgainst(() => h)

let seq = 0
function confirm(keyId: string, cost: number, endUser?: string) {
  seq += 1
  return {
    command: 'confirmSpend',
    pod_id: 'pod-eu',
    pod_seq: seq,
    payload: {
      gateway_request_id: `eu-req-${seq}`,
      vk_id: keyId,
      model: 'gpt-4o-mini',
      cost_micro_usd: cost,
      occurred_at: h.now(),
      ...(endUser === undefined ? {} : { end_user_id: endUser }),
    },
  }
}

async function template(scopeId: string, window = 'day'): Promise<{ id: string; per_end_user: boolean }> {
  const created = await h.admin('POST', '/budgets', {
    scope: 'project',
    scope_id: scopeId,
    window,
    limit_usd: 1,
    per_end_user: true,
  })
  expect(created.status, created.text).toBe(201)
  return created.body as { id: string; per_end_user: boolean }
}

describe('per-end-user budget templates', () => {
  it('sends the template in /config and keeps each end user its own bucket in the ledger', async () => {
    const tenant = await seedTenant(h)
    const budget = await template(tenant.projectId)
    expect(budget.per_end_user).toBe(true)
    const config = (await h.internal('GET', `/config/${tenant.keyId}`)).body as { budgets: unknown[] }
    expect(config.budgets).toEqual([
      expect.objectContaining({ id: budget.id, per_end_user: true, spent_micro_usd: 0 }),
    ])
    const records = [
      confirm(tenant.keyId, 300, 'alice'),
      confirm(tenant.keyId, 200, 'alice'),
      confirm(tenant.keyId, 50, 'bob'),
      confirm(tenant.keyId, 999),
    ]
    expect((await h.internal('POST', '/spend-commands', { records })).body).toEqual({
      accepted: 4,
      rejected: [],
    })
    // Resent: idempotent per request id, nothing counted twice.
    await h.internal('POST', '/spend-commands', { records })
    const alice = await h.internal('GET', `/budget-bucket-spend?budget_id=${budget.id}&end_user_id=alice`)
    expect(alice.status).toBe(200)
    expect(alice.body).toEqual({ spent_micro_usd: 500, bucket: `${budget.id}:alice` })
    const bob = await h.internal('GET', `/budget-bucket-spend?budget_id=${budget.id}&end_user_id=bob`)
    expect(bob.body).toEqual({ spent_micro_usd: 50, bucket: `${budget.id}:bob` })
    const carol = await h.internal('GET', `/budget-bucket-spend?budget_id=${budget.id}&end_user_id=carol`)
    expect(carol.body).toEqual({ spent_micro_usd: 0, bucket: `${budget.id}:carol` })
    // The template itself accumulates nothing: spend is per end user.
    const view = (await h.admin('GET', `/budgets/${budget.id}`)).body as { spent_micro_usd: number }
    expect(view.spent_micro_usd).toBe(0)
    const admin = await h.admin('GET', `/budgets/${budget.id}/end-users/alice`)
    expect(admin.body).toMatchObject({ end_user_id: 'alice', spent_micro_usd: 500 })
  })

  it('rolls an end user bucket over with its window and zeroes every bucket on reset', async () => {
    const tenant = await seedTenant(h)
    const minute = await template(tenant.projectId, 'minute')
    await h.internal('POST', '/spend-commands', { records: [confirm(tenant.keyId, 700, 'dana')] })
    const read = async () =>
      (await h.internal('GET', `/budget-bucket-spend?budget_id=${minute.id}&end_user_id=dana`)).body
    expect(await read()).toMatchObject({ spent_micro_usd: 700 })
    h.advance(60_000)
    expect(await read()).toMatchObject({ spent_micro_usd: 0 })
    await h.internal('POST', '/spend-commands', { records: [confirm(tenant.keyId, 40, 'dana')] })
    expect(await read()).toMatchObject({ spent_micro_usd: 40 })
    expect((await h.admin('POST', `/budgets/${minute.id}/reset`)).status).toBe(200)
    expect(await read()).toMatchObject({ spent_micro_usd: 0 })
  })

  it('answers 404 budget_not_found for a budget that is not a template, 400 without both parameters', async () => {
    const tenant = await seedTenant(h)
    const plain = (
      await h.admin('POST', '/budgets', {
        scope: 'project',
        scope_id: tenant.projectId,
        window: 'day',
        limit_usd: 1,
      })
    ).body as { id: string }
    const notTemplate = await h.internal('GET', `/budget-bucket-spend?budget_id=${plain.id}&end_user_id=x`)
    expect(notTemplate.status).toBe(404)
    expect(notTemplate.body).toMatchObject({ error: { code: 'budget_not_found' } })
    const unknown = await h.internal('GET', '/budget-bucket-spend?budget_id=bud_missing&end_user_id=x')
    expect(unknown.body).toMatchObject({ error: { code: 'budget_not_found' } })
    const missing = await h.internal('GET', `/budget-bucket-spend?budget_id=${plain.id}`)
    expect(missing.status).toBe(400)
    expect(missing.body).toMatchObject({ error: { code: 'missing_parameter' } })
  })

  it('refuses an unsigned bucket query', async () => {
    const response = await fetch(
      `${h.cp.url}/api/internal/gateway/budget-bucket-spend?budget_id=b&end_user_id=u`,
    )
    expect(response.status).toBe(401)
  })

  it('refuses a non-boolean per_end_user and changing it later, naming the field', async () => {
    const tenant = await seedTenant(h)
    const bad = await h.admin('POST', '/budgets', {
      scope: 'project',
      scope_id: tenant.projectId,
      window: 'day',
      limit_usd: 1,
      per_end_user: 'yes',
    })
    expect(bad.status).toBe(400)
    expect(bad.body).toMatchObject({ error: { code: 'bad_request', meta: { field: 'per_end_user' } } })
    const budget = await template(tenant.projectId)
    const patch = await h.admin('PATCH', `/budgets/${budget.id}`, { per_end_user: false })
    expect(patch.status).toBe(400)
  })

  it('creates a template and reads an end user bucket from the CLI', async () => {
    const tenant = await seedTenant(h)
    const created = await cli(
      'budget',
      'create',
      '--scope',
      'project',
      '--scope-id',
      tenant.projectId,
      '--window',
      'month',
      '--limit-usd',
      '5',
      '--per-end-user',
      'true',
      '--json',
    )
    expect(created.code, created.err).toBe(0)
    const budget = JSON.parse(created.out) as { id: string; per_end_user: boolean }
    expect(budget.per_end_user).toBe(true)
    await h.internal('POST', '/spend-commands', { records: [confirm(tenant.keyId, 1_234, 'erin')] })
    const read = await cli('budget', 'end-user', budget.id, 'erin', '--json')
    expect(read.code, read.err).toBe(0)
    expect(JSON.parse(read.out)).toMatchObject({ end_user_id: 'erin', spent_micro_usd: 1_234 })
    const bad = await cli(
      'budget',
      'create',
      '--scope',
      'project',
      '--scope-id',
      tenant.projectId,
      '--window',
      'day',
      '--limit-usd',
      '1',
      '--per-end-user',
      'maybe',
    )
    expect(bad.code).toBe(2)
    expect(bad.err).toContain('--per-end-user must be true or false')
  })
})
