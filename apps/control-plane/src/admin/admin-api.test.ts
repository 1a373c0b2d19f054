import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dumpDatabase } from '../test-utils/dump-database.js'
import { type Harness, seedTenant, startHarness } from '../test-utils/harness.js'

let h: Harness

beforeAll(async () => {
  h = await startHarness()
})
afterAll(async () => {
  await h?.close()
})

describe('admin authentication', () => {
  it('answers 401 without a token and with a wrong one', async () => {
    const missing = await h.admin('GET', '/organizations', undefined, { token: null })
    const wrong = await h.admin('GET', '/organizations', undefined, { token: 'not-the-admin-token-000' })
    expect(missing.status).toBe(401)
    expect(wrong.status).toBe(401)
    expect(wrong.body).toMatchObject({ error: { type: 'authentication_error', code: 'unauthorized' } })
  })
})

describe('tenancy', () => {
  it('creates and lists organizations, teams, projects and principals', async () => {
    const org = await h.admin('POST', '/organizations', { name: 'Acme Corp' })
    expect(org.status).toBe(201)
    const orgId = (org.body as { id: string; slug: string }).id
    expect(org.body).toMatchObject({ slug: 'acme-corp', change_revision: 0 })
    const team = await h.admin('POST', '/teams', { organization_id: orgId, name: 'search' })
    const teamId = (team.body as { id: string }).id
    const project = await h.admin('POST', '/projects', {
      organization_id: orgId,
      team_id: teamId,
      name: 'bot',
    })
    expect(project.body).toMatchObject({ team_id: teamId, has_otlp_token: false })
    const principal = await h.admin('POST', '/principals', {
      organization_id: orgId,
      kind: 'service',
      name: 'ci',
    })
    expect(principal.status).toBe(201)
    const projects = await h.admin('GET', `/projects?organization_id=${orgId}`)
    expect((projects.body as { data: unknown[] }).data).toHaveLength(1)
    const key = await h.admin('POST', '/virtual-keys', {
      project_id: (project.body as { id: string }).id,
      principal_id: (principal.body as { id: string }).id,
      name: 'ci',
    })
    expect(key.body).toMatchObject({
      virtual_key: { team_id: teamId, organization_id: orgId, status: 'active' },
    })
  })

  it('answers 409 for a duplicate slug, 404 for an unknown organization and 400 naming the field', async () => {
    await h.admin('POST', '/organizations', { name: 'Dup', slug: 'dup' })
    const duplicate = await h.admin('POST', '/organizations', { name: 'Dup again', slug: 'dup' })
    expect(duplicate.status).toBe(409)
    expect(duplicate.body).toMatchObject({ error: { code: 'conflict', meta: { field: 'slug' } } })
    const unknown = await h.admin('POST', '/projects', { organization_id: 'org_missing', name: 'x' })
    expect(unknown.status).toBe(404)
    const invalid = await h.admin('POST', '/projects', { organization_id: 'org_x', name: '' })
    expect(invalid.status).toBe(400)
    expect(invalid.body).toMatchObject({ error: { code: 'bad_request', meta: { field: 'name' } } })
    const unknownField = await h.admin('POST', '/organizations', { name: 'x', colour: 'red' })
    expect(unknownField.status).toBe(400)
    expect(unknownField.body).toMatchObject({ error: { meta: { field: 'colour' } } })
    const badJson = await fetch(`${h.cp.url}/api/admin/organizations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${h.config.controlPlane.adminToken}` },
      body: '{nope',
    })
    expect(badJson.status).toBe(400)
    expect(await badJson.json()).toMatchObject({ error: { code: 'invalid_json' } })
  })
})

describe('virtual keys', () => {
  it('returns a well-formed key with at least 128 bits of secret exactly once', async () => {
    const tenant = await seedTenant(h)
    expect(tenant.key).toMatch(/^lw_vk_live_[0-9A-HJKMNP-TV-Z]{26}[A-Za-z0-9]{32}$/)
    expect(tenant.key.slice(11, 37)).toBe(tenant.keyId)
    const secretBits = (tenant.key.length - 37) * Math.log2(62)
    expect(secretBits).toBeGreaterThanOrEqual(128)
    const fetched = await h.admin('GET', `/virtual-keys/${tenant.keyId}`)
    const listed = await h.admin('GET', `/virtual-keys?project_id=${tenant.projectId}`)
    expect(fetched.text).not.toContain(tenant.key.slice(37))
    expect(listed.text).not.toContain(tenant.key.slice(37))
    expect(fetched.body).toMatchObject({ display_prefix: tenant.key.slice(0, 16), status: 'active' })
  })

  it('mints test keys with the lw_vk_test_ prefix', async () => {
    const tenant = await seedTenant(h, { keyBody: { environment: 'test' } })
    expect(tenant.key.startsWith('lw_vk_test_')).toBe(true)
  })

  it('stores no plaintext key, secret part or provider api key in any table, and logs none', async () => {
    const tenant = await seedTenant(h)
    const rotated = (await h.admin('POST', `/virtual-keys/${tenant.keyId}/rotate`, { grace_seconds: 60 }))
      .body as {
      key: string
    }
    const apiKey = 'sk-live-dump-test-abcdefghijklmnop'
    await h.admin('POST', '/provider-credentials', {
      project_id: tenant.projectId,
      type: 'openai',
      name: 'openai',
      credentials: { api_key: apiKey },
    })
    await h.internal('POST', '/resolve-key', { key_presented: rotated.key, gateway_node_id: 'gw-a' })
    const dump = await dumpDatabase(h.cp.db)
    expect(dump).toContain(tenant.keyId)
    const logs = h.logs.join('')
    for (const secret of [tenant.key, tenant.key.slice(37), rotated.key, rotated.key.slice(37), apiKey]) {
      expect(dump).not.toContain(secret)
      expect(logs).not.toContain(secret)
    }
    expect(logs).not.toContain(h.config.controlPlane.adminToken)
  })

  it('rejects an unknown policy field and a fallback chain naming a foreign provider with 400 naming the field', async () => {
    const tenant = await seedTenant(h)
    const typo = await h.admin('PATCH', `/virtual-keys/${tenant.keyId}`, { config: { model_alias: {} } })
    expect(typo.status).toBe(400)
    expect(typo.body).toMatchObject({ error: { meta: { field: 'config.model_alias' } } })
    const chain = await h.admin('PATCH', `/virtual-keys/${tenant.keyId}`, {
      config: { fallback: { chain: ['mp_missing'] } },
    })
    expect(chain.status).toBe(400)
    expect(chain.body).toMatchObject({ error: { meta: { field: 'config.fallback.chain.0' } } })
    const regex = await h.admin('PATCH', `/virtual-keys/${tenant.keyId}`, {
      config: { policy_rules: { tools: { deny: ['(unclosed'] } } },
    })
    expect(regex.status).toBe(400)
  })

  it('refuses guardrail attachments naming guardrails that are not defined, on create and update', async () => {
    const tenant = await seedTenant(h)
    const attachments = [
      { direction: 'request', guardrail_ids: [] },
      { direction: 'response', guardrail_ids: ['gr_unknown'] },
    ]
    const patched = await h.admin('PATCH', `/virtual-keys/${tenant.keyId}`, {
      config: { guardrail_attachments: attachments },
    })
    expect(patched.status).toBe(400)
    expect(patched.body).toMatchObject({
      error: { code: 'bad_request', meta: { field: 'config.guardrail_attachments.1.guardrail_ids.0' } },
    })
    const created = await h.admin('POST', '/virtual-keys', {
      project_id: tenant.projectId,
      name: 'with-guardrails',
      config: { guardrail_attachments: attachments },
    })
    expect(created.status).toBe(400)
    const empty = await h.admin('PATCH', `/virtual-keys/${tenant.keyId}`, {
      config: { guardrail_attachments: [{ direction: 'request', guardrail_ids: [] }] },
    })
    expect(empty.status).toBe(200)
  })

  it('refuses to enable, rotate or update a revoked key with 409', async () => {
    const tenant = await seedTenant(h)
    await h.admin('POST', `/virtual-keys/${tenant.keyId}/revoke`)
    for (const [method, path, body] of [
      ['POST', 'enable', undefined],
      ['POST', 'rotate', {}],
      ['PATCH', '', { name: 'x' }],
    ] as const) {
      const response = await h.admin(
        method,
        `/virtual-keys/${tenant.keyId}${path === '' ? '' : `/${path}`}`,
        body,
      )
      expect(response.status).toBe(409)
    }
    const fetched = await h.admin('GET', `/virtual-keys/${tenant.keyId}`)
    expect(fetched.body).toMatchObject({ status: 'revoked' })
  })

  it('answers 404 for an unknown key', async () => {
    expect((await h.admin('GET', '/virtual-keys/01HZZZZZZZZZZZZZZZZZZZZZZZ')).status).toBe(404)
  })
})

describe('provider credentials', () => {
  it('masks secrets in every admin response and re-seals on update', async () => {
    const tenant = await seedTenant(h)
    const created = await h.admin('POST', '/provider-credentials', {
      project_id: tenant.projectId,
      type: 'bedrock',
      name: 'bedrock',
      credentials: {
        access_key: 'AKIAEXAMPLEEXAMPLE01',
        secret_key: 'bedrock-secret-key-value-xyz9',
        region: 'us-east-1',
      },
    })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({
      credentials_hint: { access_key: 'AKI…LE01', secret_key: 'bed…xyz9', region: 'us-east-1' },
    })
    expect(created.text).not.toContain('bedrock-secret-key-value-xyz9')
    const id = (created.body as { id: string }).id
    const updated = await h.admin('PATCH', `/provider-credentials/${id}`, {
      credentials: {
        access_key: 'AKIAEXAMPLEEXAMPLE02',
        secret_key: 'bedrock-secret-key-value-new1',
        region: 'eu-west-1',
      },
    })
    expect(updated.body).toMatchObject({ credentials_hint: { secret_key: 'bed…new1', region: 'eu-west-1' } })
    const listed = await h.admin('GET', `/provider-credentials?project_id=${tenant.projectId}`)
    expect(listed.text).not.toContain('bedrock-secret-key-value')
    const config = await h.internal('GET', `/config/${tenant.keyId}`)
    expect(config.text).toContain('bedrock-secret-key-value-new1')
  })

  it('checks the credential fields each type needs and answers 409 for a duplicate name', async () => {
    const tenant = await seedTenant(h)
    const missing = await h.admin('POST', '/provider-credentials', {
      project_id: tenant.projectId,
      type: 'azure-openai',
      name: 'azure',
      credentials: { api_key: 'k-0123456789abc' },
    })
    expect(missing.status).toBe(400)
    expect(missing.body).toMatchObject({ error: { meta: { field: 'credentials.endpoint' } } })
    const body = {
      project_id: tenant.projectId,
      type: 'anthropic',
      name: 'claude',
      credentials: { api_key: 'sk-ant-0123456789' },
    }
    expect((await h.admin('POST', '/provider-credentials', body)).status).toBe(201)
    expect((await h.admin('POST', '/provider-credentials', body)).status).toBe(409)
    const compatible = await h.admin('POST', '/provider-credentials', {
      project_id: tenant.projectId,
      type: 'openai-compatible',
      name: 'local',
    })
    expect(compatible.body).toMatchObject({ error: { meta: { field: 'base_url' } } })
  })
})
