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
const prices = {
  'gpt-4o-mini': { input_micro_usd_per_million: 100_000, output_micro_usd_per_million: 400_000 },
}

async function provider(projectId: string, extra: Record<string, unknown> = {}) {
  return h.admin('POST', '/provider-credentials', {
    project_id: projectId,
    type: 'openai',
    name: `openai-${Math.random().toString(36).slice(2, 8)}`,
    credentials: { api_key: 'sk-test-1234567890' },
    ...extra,
  })
}

describe('per-credential price overrides', () => {
  it('stores them, shows them to admins and carries them in /config', async () => {
    const tenant = await seedTenant(h)
    const created = await provider(tenant.projectId, { price_overrides: prices })
    expect(created.status, created.text).toBe(201)
    const id = (created.body as { id: string }).id
    expect(created.body).toMatchObject({ price_overrides: prices })
    const config = (await h.internal('GET', `/config/${tenant.keyId}`)).body as {
      providers: { id: string; price_overrides?: unknown }[]
    }
    expect(config.providers.find((slot) => slot.id === id)?.price_overrides).toEqual(prices)
    const cleared = await h.admin('PATCH', `/provider-credentials/${id}`, { price_overrides: null })
    expect(cleared.body).toMatchObject({ price_overrides: null })
    const after = (await h.internal('GET', `/config/${tenant.keyId}`)).body as {
      providers: { id: string; price_overrides?: unknown }[]
    }
    expect(after.providers.find((slot) => slot.id === id)).not.toHaveProperty('price_overrides')
  })

  it('refuses a negative, fractional or incomplete price and names the field', async () => {
    const tenant = await seedTenant(h)
    for (const bad of [
      { 'gpt-4o': { input_micro_usd_per_million: -1, output_micro_usd_per_million: 1 } },
      { 'gpt-4o': { input_micro_usd_per_million: 1.5, output_micro_usd_per_million: 1 } },
      { 'gpt-4o': { input_micro_usd_per_million: 1 } },
      { 'gpt-4o': { input_micro_usd_per_million: 1, output_micro_usd_per_million: 1, cache: 2 } },
    ]) {
      const answer = await provider(tenant.projectId, { price_overrides: bad })
      expect(answer.status, JSON.stringify(bad)).toBe(400)
      const error = (answer.body as { error: { code: string; meta: { field: string } } }).error
      expect(error.code).toBe('bad_request')
      expect(error.meta.field).toMatch(/^price_overrides/)
    }
  })

  it('sets and clears them from the CLI in USD per million tokens', async () => {
    const tenant = await seedTenant(h)
    const id = ((await provider(tenant.projectId)).body as { id: string }).id
    const set = await cli('provider', 'prices', id, '--set', 'gpt-4o=2.5:10,gpt-4o-mini=0.15:0.6', '--json')
    expect(set.code, set.err).toBe(0)
    expect(JSON.parse(set.out).price_overrides).toEqual({
      'gpt-4o': { input_micro_usd_per_million: 2_500_000, output_micro_usd_per_million: 10_000_000 },
      'gpt-4o-mini': { input_micro_usd_per_million: 150_000, output_micro_usd_per_million: 600_000 },
    })
    const human = await cli('provider', 'prices', id, '--set', 'gpt-4o=3:12')
    expect(human.out).toContain('gpt-4o')
    expect((await cli('provider', 'prices', id, '--set', 'none')).out).toBe(`${id}: catalogue prices`)
    const bad = await cli('provider', 'prices', id, '--set', 'gpt-4o=cheap')
    expect(bad.code).toBe(2)
    expect(bad.err).toContain('must be <model>=<input>:<output>')
  })
})
