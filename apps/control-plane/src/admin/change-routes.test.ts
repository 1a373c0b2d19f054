import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, seedTenant, startHarness } from '../test-utils/harness.js'

let h: Harness
beforeAll(async () => {
  h = await startHarness({ env: { LOG_LEVEL: 'error' } })
})
afterAll(() => h.cp.close())

describe('GET /api/admin/changes', () => {
  it('lists an organization’s changes newest first, with their time', async () => {
    const tenant = await seedTenant(h)
    await h.admin('POST', `/virtual-keys/${tenant.keyId}/disable`)
    const answer = await h.admin('GET', `/changes?organization_id=${tenant.organizationId}&limit=1`)
    expect(answer.status).toBe(200)
    const { data } = answer.body as { data: { kind: string; virtual_key_id: string; created_at: string }[] }
    expect(data).toHaveLength(1)
    expect(data[0]).toMatchObject({ kind: 'VK_DISABLED', virtual_key_id: tenant.keyId })
    expect(Date.parse(data[0]?.created_at ?? '')).toBe(h.now())
    const all = (await h.admin('GET', `/changes?organization_id=${tenant.organizationId}`)).body as {
      data: { kind: string }[]
    }
    expect(all.data.map((change) => change.kind)).toEqual(['VK_DISABLED', 'VK_CREATED'])
  })

  it('answers 404 for an unknown organization and 400 for a bad limit', async () => {
    expect((await h.admin('GET', '/changes?organization_id=nope')).status).toBe(404)
    const tenant = await seedTenant(h)
    const bad = await h.admin('GET', `/changes?organization_id=${tenant.organizationId}&limit=0`)
    expect(bad.status).toBe(400)
    expect((bad.body as { error: { code: string } }).error.code).toBe('bad_request')
  })

  it('needs the admin token', async () => {
    expect((await h.admin('GET', '/changes?organization_id=x', undefined, { token: null })).status).toBe(401)
  })
})
