import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, seedTenant, startHarness } from '../test-utils/harness.js'
import { cliAgainst } from '../test-utils/run-cli-against.js'

let h: Harness

beforeAll(async () => {
  h = await startHarness()
})
afterAll(async () => {
  await h?.close()
})

const cli = cliAgainst(() => h)

describe('gw-cp budget', () => {
  it('creates, lists, updates, resets and deletes a budget', async () => {
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
      '500',
      '--json',
    )
    expect(created.code, created.err).toBe(0)
    const budget = JSON.parse(created.out) as { id: string; limit_micro_usd: number }
    expect(budget.limit_micro_usd).toBe(500_000_000)
    const listed = await cli('budget', 'list', '--org', tenant.organizationId)
    expect(listed.out).toContain(budget.id)
    const updated = await cli(
      'budget',
      'update',
      budget.id,
      '--limit-usd',
      '20',
      '--on-breach',
      'warn',
      '--json',
    )
    expect(JSON.parse(updated.out)).toMatchObject({ limit_usd: 20, on_breach: 'warn' })
    expect((await cli('budget', 'reset', budget.id)).code).toBe(0)
    expect((await cli('budget', 'delete', budget.id)).out).toBe(`deleted ${budget.id}`)
  })

  it('refuses a non-numeric limit as a usage error', async () => {
    const result = await cli('budget', 'update', 'bud_x', '--limit-usd', 'lots')
    expect(result.code).toBe(2)
    expect(result.err).toContain('--limit-usd must be a number of USD')
  })

  it("sets a budget's warn ratio with --warn-ratio and clears it with default", async () => {
    const tenant = await seedTenant(h)
    const created = await cli(
      'budget',
      'create',
      '--scope',
      'project',
      '--scope-id',
      tenant.projectId,
      '--window',
      'day',
      '--limit-usd',
      '5',
      '--warn-ratio',
      '0.9',
      '--json',
    )
    expect(created.code, created.err).toBe(0)
    const budget = JSON.parse(created.out) as { id: string; warn_ratio: number | null }
    expect(budget.warn_ratio).toBe(0.9)
    const cleared = await cli('budget', 'update', budget.id, '--warn-ratio', 'default', '--json')
    expect(JSON.parse(cleared.out)).toMatchObject({ warn_ratio: null })
    const bad = await cli('budget', 'update', budget.id, '--warn-ratio', 'high')
    expect(bad.code).toBe(2)
    expect(bad.err).toContain('--warn-ratio must be a number between 0.01 and 1, or default')
  })

  it('lists spend per day', async () => {
    const tenant = await seedTenant(h)
    const result = await cli('spend', 'list', '--project', tenant.projectId, '--json')
    expect(result.code).toBe(0)
    expect(JSON.parse(result.out)).toEqual({ data: [] })
  })
})
