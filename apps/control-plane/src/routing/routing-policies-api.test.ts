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

async function credential(projectId: string, name: string): Promise<string> {
  const created = await h.admin('POST', '/provider-credentials', {
    project_id: projectId,
    type: 'openai',
    name,
    credentials: { api_key: `sk-${name}` },
  })
  expect(created.status).toBe(201)
  return (created.body as { id: string }).id
}

async function keyConfig(keyId: string) {
  return parseGatewayKeyConfig((await h.internal('GET', `/config/${keyId}`)).body)
}

async function changesSince(organizationId: string, since: string) {
  return (await h.internal('GET', `/changes?organization_id=${organizationId}&since=${since}&timeout_s=1`))
    .body as { current_revision: string; changes: { kind: string }[] }
}

describe('routing policies admin API', () => {
  it('refuses targets outside the project, duplicates, all-zero weights and unknown strategies', async () => {
    const tenant = await seedTenant(h)
    const other = await seedTenant(h)
    const mine = await credential(tenant.projectId, 'a')
    const theirs = await credential(other.projectId, 'b')
    const body = (fields: Record<string, unknown>) => ({
      project_id: tenant.projectId,
      name: 'p',
      strategy: 'weighted',
      targets: [{ provider_id: mine }],
      ...fields,
    })
    const foreign = await h.admin('POST', '/routing-policies', body({ targets: [{ provider_id: theirs }] }))
    expect(foreign.status).toBe(400)
    expect(foreign.text).toContain('targets.0.provider_id')
    const twice = await h.admin(
      'POST',
      '/routing-policies',
      body({ targets: [{ provider_id: mine }, { provider_id: mine }] }),
    )
    expect(twice.status).toBe(400)
    expect(twice.text).toContain('targets.1')
    const zero = await h.admin(
      'POST',
      '/routing-policies',
      body({ targets: [{ provider_id: mine, weight: 0 }] }),
    )
    expect(zero.status).toBe(400)
    expect(zero.text).toContain('weight above 0')
    const strategy = await h.admin('POST', '/routing-policies', body({ strategy: 'random' }))
    expect(strategy.status).toBe(400)
    expect(strategy.text).toContain('weighted, least_latency, least_busy')
  })

  it('refuses a key in policy mode without a policy of its project', async () => {
    const tenant = await seedTenant(h)
    const missing = await h.admin('PATCH', `/virtual-keys/${tenant.keyId}`, {
      config: { routing_mode: 'policy' },
    })
    expect(missing.status).toBe(400)
    expect(missing.text).toContain('config.routing_policy_id')
    const unknown = await h.admin('PATCH', `/virtual-keys/${tenant.keyId}`, {
      config: { routing_mode: 'policy', routing_policy_id: 'rp_nope' },
    })
    expect(unknown.status).toBe(400)
    const mode = await h.admin('PATCH', `/virtual-keys/${tenant.keyId}`, {
      config: { routing_mode: 'random' },
    })
    expect(mode.status).toBe(400)
    expect(mode.text).toContain('none, fallback_all, policy')
  })

  it('ships the policy in /config, announces updates and deletion on /changes', async () => {
    const tenant = await seedTenant(h)
    const a = await credential(tenant.projectId, 'a')
    const b = await credential(tenant.projectId, 'b')
    const created = await h.admin('POST', '/routing-policies', {
      project_id: tenant.projectId,
      name: 'split',
      strategy: 'weighted',
      targets: [
        { provider_id: a, weight: 3 },
        { provider_id: b, model: 'gpt-4o', weight: 1 },
      ],
    })
    expect(created.status).toBe(201)
    const policyId = (created.body as { id: string }).id
    const patched = await h.admin('PATCH', `/virtual-keys/${tenant.keyId}`, {
      config: {
        routing_mode: 'policy',
        routing_policy_id: policyId,
        routing_excluded_providers: ['anthropic'],
        access_excluded_providers: ['gemini'],
      },
    })
    expect(patched.status).toBe(200)
    const config = await keyConfig(tenant.keyId)
    expect(config).toMatchObject({
      routing_mode: 'policy',
      routing_policy_id: policyId,
      routing_excluded_providers: ['anthropic'],
      access_excluded_providers: ['gemini'],
      routing_policy: {
        id: policyId,
        strategy: 'weighted',
        sticky_sessions: true,
        targets: [
          { provider_id: a, model: null, weight: 3 },
          { provider_id: b, model: 'gpt-4o', weight: 1 },
        ],
      },
    })

    // The bootstrap pull carries the same routing fields as /config.
    const page = (await h.internal('GET', '/bootstrap?limit=1000')).body as {
      keys: { key_id: string; config: Record<string, unknown> }[]
    }
    expect(page.keys.find((entry) => entry.key_id === tenant.keyId)?.config).toMatchObject({
      routing_policy_id: policyId,
      routing_policy: { id: policyId, strategy: 'weighted' },
      access_excluded_providers: ['gemini'],
    })

    const before = (await changesSince(tenant.organizationId, '0')).current_revision
    expect(
      (await h.admin('PATCH', `/routing-policies/${policyId}`, { strategy: 'least_latency' })).status,
    ).toBe(200)
    expect((await keyConfig(tenant.keyId)).routing_policy?.strategy).toBe('least_latency')
    expect((await h.admin('DELETE', `/routing-policies/${policyId}`)).status).toBe(204)
    expect((await keyConfig(tenant.keyId)).routing_policy).toBeNull()
    expect((await changesSince(tenant.organizationId, before)).changes.map((change) => change.kind)).toEqual([
      'ROUTING_POLICY_UPDATED',
      'ROUTING_POLICY_DELETED',
    ])
  })

  it('drives create, list, show, update and delete from gw-cp', async () => {
    const tenant = await seedTenant(h)
    const a = await credential(tenant.projectId, 'a')
    const b = await credential(tenant.projectId, 'b')
    const created = await cli(
      'routing-policy',
      'create',
      '--project',
      tenant.projectId,
      '--name',
      'cli',
      '--strategy',
      'least_busy',
      '--targets',
      `${a}:3,${b}@gpt-4o`,
      '--sticky',
      'false',
      '--json',
    )
    expect(created.code).toBe(0)
    const policy = JSON.parse(created.out) as { id: string; targets: unknown[]; sticky_sessions: boolean }
    expect(policy.targets).toEqual([
      { provider_id: a, model: null, weight: 3 },
      { provider_id: b, model: 'gpt-4o', weight: 1 },
    ])
    expect(policy.sticky_sessions).toBe(false)
    expect((await cli('routing-policy', 'list', '--project', tenant.projectId)).out).toContain(policy.id)
    expect((await cli('routing-policy', 'show', policy.id)).out).toContain('least_busy')
    const updated = await cli('routing-policy', 'update', policy.id, '--strategy', 'weighted', '--json')
    expect(JSON.parse(updated.out)).toMatchObject({ strategy: 'weighted' })
    const bad = await cli(
      'routing-policy',
      'create',
      '--project',
      tenant.projectId,
      '--name',
      'x',
      '--strategy',
      'weighted',
      '--targets',
      `${a}:lots`,
    )
    expect(bad.code).toBe(2)
    expect(bad.err).toContain('is not a number')
    expect((await cli('routing-policy', 'delete', policy.id)).code).toBe(0)
    expect((await cli('routing-policy', 'show', policy.id)).code).toBe(1)
  })
})
