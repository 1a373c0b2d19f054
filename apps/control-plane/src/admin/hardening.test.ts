// Issue 13 over real HTTP: provider URL policy, masked base_url passwords, past expiries, rotation grace.
import { decodeJwt } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, seedTenant, startHarness } from '../test-utils/harness.js'

let h: Harness
let production: Harness
let productionAllowing: Harness

beforeAll(async () => {
  ;[h, production, productionAllowing] = await Promise.all([
    startHarness(),
    startHarness({ env: { ENVIRONMENT: 'production' } }),
    startHarness({ env: { ENVIRONMENT: 'production', CONTROL_PLANE_ALLOW_PRIVATE_BASE_URLS: 'true' } }),
  ])
})
afterAll(async () => {
  await Promise.all([h?.close(), production?.close(), productionAllowing?.close()])
})

const addProvider = (
  target: Harness,
  projectId: string,
  base_url: string,
  extra: Record<string, unknown> = {},
) =>
  target.admin('POST', '/provider-credentials', {
    project_id: projectId,
    type: 'openai-compatible',
    name: `p-${Math.random().toString(36).slice(2, 8)}`,
    credentials: { api_key: 'sk-test-0123456789' },
    base_url,
    ...extra,
  })

describe('provider base_url policy', () => {
  it.each(['file:///etc/passwd', 'gopher://h:70/_x', 'javascript:alert(1)'])(
    'refuses the non-HTTP base_url %s with bad_request naming the field',
    async (url) => {
      const tenant = await seedTenant(h)
      const response = await addProvider(h, tenant.projectId, url)
      expect(response.status).toBe(400)
      expect(response.body).toMatchObject({ error: { code: 'bad_request', meta: { field: 'base_url' } } })
      expect((response.body as { error: { message: string } }).error.message).toContain('base_url')
    },
  )

  it('refuses link-local and metadata hosts in every environment', async () => {
    const tenant = await seedTenant(h)
    for (const url of [
      'http://169.254.169.254/latest',
      'http://metadata.google.internal/',
      'http://[fd00:ec2::254]/',
    ]) {
      const response = await addProvider(h, tenant.projectId, url)
      expect(response.status, url).toBe(400)
    }
  })

  it('refuses a base_url changed to a non-HTTP URL', async () => {
    const tenant = await seedTenant(h)
    const created = await addProvider(h, tenant.projectId, 'http://127.0.0.1:9/v1')
    expect(created.status).toBe(201)
    const id = (created.body as { id: string }).id
    const patched = await h.admin('PATCH', `/provider-credentials/${id}`, { base_url: 'file:///etc/passwd' })
    expect(patched.status).toBe(400)
  })

  it('refuses private and loopback hosts in production unless allowed', async () => {
    const tenant = await seedTenant(production)
    for (const url of ['http://127.0.0.1:8080/v1', 'http://10.0.0.5/v1', 'http://localhost:1/v1']) {
      const response = await addProvider(production, tenant.projectId, url)
      expect(response.status, url).toBe(400)
    }
    expect((await addProvider(production, tenant.projectId, 'https://api.example.com/v1')).status).toBe(201)
    const allowing = await seedTenant(productionAllowing)
    expect((await addProvider(productionAllowing, allowing.projectId, 'http://10.0.0.5/v1')).status).toBe(201)
    expect(
      (await addProvider(productionAllowing, allowing.projectId, 'http://169.254.169.254/')).status,
    ).toBe(400)
  })

  it('never shows the password of a base_url', async () => {
    const tenant = await seedTenant(h)
    const created = await addProvider(h, tenant.projectId, 'http://user:hunter2-secret@127.0.0.1:9/v1')
    expect(created.status).toBe(201)
    expect(created.text).not.toContain('hunter2-secret')
    const listed = await h.admin('GET', `/provider-credentials?project_id=${tenant.projectId}`)
    expect(listed.text).not.toContain('hunter2-secret')
    expect(listed.text).toContain('user:***@127.0.0.1:9')
  })
})

describe('virtual key expiry and rotation', () => {
  it('refuses a key created with expires_at in the past', async () => {
    const tenant = await seedTenant(h)
    const response = await h.admin('POST', '/virtual-keys', {
      project_id: tenant.projectId,
      name: 'expired-on-arrival',
      expires_at: new Date(h.now() - 1_000).toISOString(),
    })
    expect(response.status).toBe(400)
    expect(response.body).toMatchObject({ error: { code: 'bad_request', meta: { field: 'expires_at' } } })
  })

  it('gives a bundle resolved through the previous secret an exp no later than its grace end', async () => {
    const tenant = await seedTenant(h)
    const rotated = await h.admin('POST', `/virtual-keys/${tenant.keyId}/rotate`, { grace_seconds: 10 })
    expect(rotated.status).toBe(200)
    const graceEnds = Math.floor((h.now() + 10_000) / 1000)
    const old = await h.internal('POST', '/resolve-key', {
      key_presented: tenant.key,
      gateway_node_id: 'gw-a',
    })
    expect(old.status).toBe(200)
    expect(decodeJwt((old.body as { jwt: string }).jwt).exp).toBeLessThanOrEqual(graceEnds)
    const fresh = await h.internal('POST', '/resolve-key', {
      key_presented: (rotated.body as { key: string }).key,
      gateway_node_id: 'gw-a',
    })
    expect(decodeJwt((fresh.body as { jwt: string }).jwt).exp).toBeGreaterThan(graceEnds + 800)
  })
})
