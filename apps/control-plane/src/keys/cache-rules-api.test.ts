// Cache rules on a key's config over the admin API and the CLI: validated, rendered in /config
// and /bootstrap as the contract parses them, and announced on the change feed.
import { parseGatewayKeyConfig } from '@gw/contract'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, seedTenant, startHarness } from '../test-utils/harness.js'
import { cliAgainst } from '../test-utils/run-cli-against.js'

let h: Harness
const cli = cliAgainst(() => h)

beforeAll(async () => {
  h = await startHarness()
})
afterAll(async () => {
  await h?.close()
})

const faq = {
  id: 'faq',
  priority: 2,
  matchers: { model: 'gpt-4o*', vk_tags: ['support'] },
  action: { mode: 'cache', ttl: 300, salt: 'v2' },
}
const markers = { id: 'markers', action: { mode: 'force' } }

async function keyConfig(keyId: string) {
  return parseGatewayKeyConfig((await h.internal('GET', `/config/${keyId}`)).body)
}

describe('key cache_rules', () => {
  it('renders the rules in /config and /bootstrap, and a patch replaces them with a VK_CONFIG_UPDATED change', async () => {
    const tenant = await seedTenant(h, { keyBody: { config: { cache_rules: [faq] } } })
    expect((await keyConfig(tenant.keyId)).cache_rules).toEqual([faq])
    const page = (await h.internal('GET', '/bootstrap?limit=1000')).body as {
      keys: { key_id: string; config: { cache_rules: unknown } }[]
    }
    expect(page.keys.find((entry) => entry.key_id === tenant.keyId)?.config.cache_rules).toEqual([faq])

    const changes = async (since: string) =>
      (
        await h.internal(
          'GET',
          `/changes?organization_id=${tenant.organizationId}&since=${since}&timeout_s=1`,
        )
      ).body as { current_revision: string; changes: { kind: string; virtual_key_id?: string }[] }
    const before = (await changes('0')).current_revision
    const patched = await h.admin('PATCH', `/virtual-keys/${tenant.keyId}`, {
      config: { cache_rules: [markers] },
    })
    expect(patched.status).toBe(200)
    expect((await keyConfig(tenant.keyId)).cache_rules).toEqual([
      { id: 'markers', priority: 0, matchers: {}, action: { mode: 'force' } },
    ])
    expect((await changes(before)).changes).toEqual([
      expect.objectContaining({ kind: 'VK_CONFIG_UPDATED', virtual_key_id: tenant.keyId }),
    ])
    // A patch of another field keeps the rules.
    await h.admin('PATCH', `/virtual-keys/${tenant.keyId}`, { config: { tags: ['x'] } })
    expect((await keyConfig(tenant.keyId)).cache_rules.map((rule) => rule.id)).toEqual(['markers'])
  })

  it('sends no rules for a key without any', async () => {
    const tenant = await seedTenant(h)
    expect((await keyConfig(tenant.keyId)).cache_rules).toEqual([])
  })

  it.each([
    [{ id: '', action: { mode: 'cache' } }, 'config.cache_rules.0.id'],
    [{ id: 'a', action: { mode: 'cache', ttl: 1.5 } }, 'config.cache_rules.0.action.ttl'],
    [{ id: 'a', action: { mode: 'cache', ttl: 40 * 24 * 3600 } }, 'config.cache_rules.0.action.ttl'],
    [{ id: 'a', priority: 'high', action: { mode: 'cache' } }, 'config.cache_rules.0.priority'],
    [{ id: 'a', action: { mode: 'cache', extra: 1 } }, 'config.cache_rules.0.action.extra'],
    [{ id: 'a' }, 'config.cache_rules.0.action'],
  ])('refuses %j with bad_request naming %s', async (rule, field) => {
    const tenant = await seedTenant(h)
    const answer = await h.admin('PATCH', `/virtual-keys/${tenant.keyId}`, {
      config: { cache_rules: [rule] },
    })
    expect(answer.status).toBe(400)
    expect(answer.body).toMatchObject({ error: { code: 'bad_request', meta: { field } } })
  })

  it('refuses more than 100 rules', async () => {
    const tenant = await seedTenant(h)
    const rules = Array.from({ length: 101 }, (_, index) => ({ id: `r${index}`, action: { mode: 'cache' } }))
    const answer = await h.admin('PATCH', `/virtual-keys/${tenant.keyId}`, { config: { cache_rules: rules } })
    expect(answer.status).toBe(400)
    expect(answer.body).toMatchObject({
      error: { code: 'bad_request', meta: { field: 'config.cache_rules' } },
    })
  })

  it('sets rules from the CLI with --cache-rules, alone or over --config', async () => {
    const tenant = await seedTenant(h)
    const rules = JSON.stringify([faq])
    const updated = await cli(
      'key',
      'update',
      tenant.keyId,
      '--cache-rules',
      rules,
      '--config',
      '{"tags":["support"]}',
    )
    expect(updated.code).toBe(0)
    const config = await keyConfig(tenant.keyId)
    expect(config.cache_rules).toEqual([faq])
    expect(config.vk_tags).toEqual(['support'])
    const created = await cli(
      'key',
      'create',
      '--project',
      tenant.projectId,
      '--name',
      'c',
      '--cache-rules',
      '[]',
      '--json',
    )
    expect(created.code).toBe(0)
    const bad = await cli(
      'key',
      'update',
      tenant.keyId,
      '--cache-rules',
      '[{"id":"a","action":{"mode":"always"}}]',
    )
    expect(bad.code).toBe(1)
    expect(bad.err).toContain('config.cache_rules.0.action.mode')
    const notArray = await cli('key', 'update', tenant.keyId, '--cache-rules', '{"id":"a"}')
    expect(notArray.code).toBe(2)
    expect(notArray.err).toContain('--cache-rules must be a JSON array')
  })
})
