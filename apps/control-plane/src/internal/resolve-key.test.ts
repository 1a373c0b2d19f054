import { BUNDLE_AUDIENCE, BUNDLE_ISSUER } from '@gw/contract'
import { jwtVerify } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, seedTenant, startHarness, testSecrets } from '../test-utils/harness.js'

let h: Harness

beforeAll(async () => {
  h = await startHarness()
})
afterAll(async () => {
  await h?.close()
})

const jwtKey = new TextEncoder().encode(testSecrets.LW_GATEWAY_JWT_SECRET)

describe('POST /resolve-key', () => {
  it('returns a bundle JWT verifiable with the JWT secret, with the key identity and exp = iat + 900', async () => {
    const tenant = await seedTenant(h)
    const response = await h.internal('POST', '/resolve-key', {
      key_presented: tenant.key,
      gateway_node_id: 'gw-a',
    })
    expect(response.status).toBe(200)
    const body = response.body as { jwt: string; revision: string; key_id: string; display_prefix: string }
    expect(body.key_id).toBe(tenant.keyId)
    expect(body.display_prefix).toBe(tenant.key.slice(0, 16))
    expect(typeof body.revision).toBe('string')
    const { payload, protectedHeader } = await jwtVerify(body.jwt, jwtKey, {
      issuer: BUNDLE_ISSUER,
      audience: BUNDLE_AUDIENCE,
      algorithms: ['HS256'],
      currentDate: new Date(h.now()),
    })
    expect(protectedHeader.alg).toBe('HS256')
    expect(payload).toMatchObject({
      vk_id: tenant.keyId,
      org_id: tenant.organizationId,
      project_id: tenant.projectId,
      team_id: null,
      principal_id: null,
      revision: body.revision,
      vk_expires_at: null,
    })
    expect(payload.iat).toBe(Math.floor(h.now() / 1000))
    expect(payload.exp).toBe((payload.iat ?? 0) + 900)
  })

  it('caps the bundle exp at the key expiry when the key expires sooner', async () => {
    const expiresAt = new Date(h.now() + 120_000)
    const tenant = await seedTenant(h, { keyBody: { expires_at: expiresAt.toISOString() } })
    const response = await h.internal('POST', '/resolve-key', {
      key_presented: tenant.key,
      gateway_node_id: 'gw-a',
    })
    const { payload } = await jwtVerify((response.body as { jwt: string }).jwt, jwtKey, {
      currentDate: new Date(h.now()),
    })
    const expirySeconds = Math.floor(expiresAt.getTime() / 1000)
    expect(payload.vk_expires_at).toBe(expirySeconds)
    expect(payload.exp).toBe(expirySeconds)
  })

  it('answers unknown and malformed keys with the identical 401 body', async () => {
    const tenant = await seedTenant(h)
    const unknownKey = `${tenant.key.slice(0, -4)}XXXX`
    const unknown = await h.internal('POST', '/resolve-key', {
      key_presented: unknownKey,
      gateway_node_id: 'gw-a',
    })
    const malformed = await h.internal('POST', '/resolve-key', {
      key_presented: 'sk-not-a-key',
      gateway_node_id: 'gw-a',
    })
    expect(unknown.status).toBe(401)
    expect(malformed.status).toBe(401)
    expect(unknown.text).toBe(malformed.text)
    expect(unknown.body).toMatchObject({ error: { code: 'virtual_key_not_found' } })
  })

  it.each([
    ['revoke', 'virtual_key_revoked'],
    ['disable', 'virtual_key_disabled'],
  ])('answers 403 after %s with %s', async (action, code) => {
    const tenant = await seedTenant(h)
    expect((await h.admin('POST', `/virtual-keys/${tenant.keyId}/${action}`)).status).toBe(200)
    const response = await h.internal('POST', '/resolve-key', {
      key_presented: tenant.key,
      gateway_node_id: 'gw-a',
    })
    expect(response.status).toBe(403)
    expect(response.body).toMatchObject({ error: { code } })
  })

  it('answers 403 virtual_key_expired once expires_at has passed', async () => {
    const tenant = await seedTenant(h, { keyBody: { expires_at: new Date(h.now() + 60_000).toISOString() } })
    const before = await h.internal('POST', '/resolve-key', {
      key_presented: tenant.key,
      gateway_node_id: 'gw-a',
    })
    expect(before.status).toBe(200)
    h.advance(61_000)
    const after = await h.internal('POST', '/resolve-key', {
      key_presented: tenant.key,
      gateway_node_id: 'gw-a',
    })
    expect(after.status).toBe(403)
    expect(after.body).toMatchObject({ error: { code: 'virtual_key_expired' } })
  })

  it('enables a disabled key again', async () => {
    const tenant = await seedTenant(h)
    await h.admin('POST', `/virtual-keys/${tenant.keyId}/disable`)
    await h.admin('POST', `/virtual-keys/${tenant.keyId}/enable`)
    const response = await h.internal('POST', '/resolve-key', {
      key_presented: tenant.key,
      gateway_node_id: 'gw-a',
    })
    expect(response.status).toBe(200)
  })
})

describe('rotation', () => {
  it('keeps the old secret working until the grace period ends, then only the new one', async () => {
    const tenant = await seedTenant(h)
    const rotated = await h.admin('POST', `/virtual-keys/${tenant.keyId}/rotate`, { grace_seconds: 300 })
    expect(rotated.status).toBe(200)
    const newKey = (rotated.body as { key: string }).key
    expect(newKey).not.toBe(tenant.key)
    expect(newKey.slice(0, 37)).toBe(tenant.key.slice(0, 37))
    const resolve = (key: string) =>
      h.internal('POST', '/resolve-key', { key_presented: key, gateway_node_id: 'gw-a' })
    expect((await resolve(tenant.key)).status).toBe(200)
    expect((await resolve(newKey)).status).toBe(200)
    h.advance(301_000)
    expect((await resolve(tenant.key)).status).toBe(401)
    expect((await resolve(newKey)).status).toBe(200)
  })

  it('stops the old secret at once without a grace period', async () => {
    const tenant = await seedTenant(h)
    const rotated = await h.admin('POST', `/virtual-keys/${tenant.keyId}/rotate`, {})
    const newKey = (rotated.body as { key: string }).key
    const resolve = (key: string) =>
      h.internal('POST', '/resolve-key', { key_presented: key, gateway_node_id: 'gw-a' })
    expect((await resolve(tenant.key)).status).toBe(401)
    expect((await resolve(newKey)).status).toBe(200)
  })

  it('bumps the key revision on every state change', async () => {
    const tenant = await seedTenant(h)
    const revisionOf = async () =>
      Number(((await h.admin('GET', `/virtual-keys/${tenant.keyId}`)).body as { revision: string }).revision)
    const first = await revisionOf()
    await h.admin('PATCH', `/virtual-keys/${tenant.keyId}`, { config: { tags: ['a'] } })
    const second = await revisionOf()
    await h.admin('POST', `/virtual-keys/${tenant.keyId}/rotate`, {})
    const third = await revisionOf()
    expect(second).toBeGreaterThan(first)
    expect(third).toBeGreaterThan(second)
  })
})
