import { base64url } from 'jose'
import { describe, expect, it } from 'vitest'
import { buildBundleClaims, signBundle } from './sign-bundle.js'
import { BUNDLE_SECRET, bundleKeyClaims, fixedClock, issuedBundleClaims, T0 } from './test-utils/fixtures.js'

const secret = BUNDLE_SECRET
const t0 = T0
const clock = fixedClock
const claims = bundleKeyClaims

function decode(jwt: string): Record<string, unknown> {
  return JSON.parse(new TextDecoder().decode(base64url.decode(jwt.split('.')[1]!)))
}

describe('signBundle', () => {
  it('sets iss, aud, iat and exp = iat + ttl', async () => {
    const jwt = await signBundle(claims, { secret, now: clock(t0) })
    const payload = decode(jwt)
    expect(payload).toMatchObject({ ...claims, iss: 'langwatch-control-plane', aud: 'langwatch-gateway' })
    expect(payload.iat).toBe(t0 / 1000)
    expect(payload.exp).toBe(t0 / 1000 + 900)
    const short = decode(await signBundle(claims, { secret, ttlSeconds: 60, now: clock(t0) }))
    expect(short.exp).toBe(t0 / 1000 + 60)
  })

  it('caps exp at the key expiry', async () => {
    const expiresSoon = { ...claims, vk_expires_at: t0 / 1000 + 100 }
    expect(decode(await signBundle(expiresSoon, { secret, now: clock(t0) })).exp).toBe(t0 / 1000 + 100)
    const expiresLate = { ...claims, vk_expires_at: t0 / 1000 + 10_000 }
    expect(decode(await signBundle(expiresLate, { secret, now: clock(t0) })).exp).toBe(t0 / 1000 + 900)
  })
})

describe('buildBundleClaims', () => {
  it('builds exactly the claims the signed bundle carries, field by field', async () => {
    const built = buildBundleClaims(claims, { now: clock(t0) })
    expect(built).toEqual(issuedBundleClaims(t0))
    expect(Object.keys(built)).toEqual([
      'vk_id',
      'org_id',
      'project_id',
      'team_id',
      'principal_id',
      'revision',
      'vk_expires_at',
      'iss',
      'aud',
      'iat',
      'exp',
    ])
    expect(decode(await signBundle(claims, { secret, now: clock(t0) }))).toEqual(built)
  })

  it('caps exp at the key expiry and never copies a field the claims do not define', () => {
    const input = { ...claims, vk_expires_at: t0 / 1000 + 100, secret_note: 'not a claim' }
    const built = buildBundleClaims(input, { ttlSeconds: 60, now: clock(t0) })
    expect(built.exp).toBe(t0 / 1000 + 60)
    expect(buildBundleClaims(input, { now: clock(t0) }).exp).toBe(t0 / 1000 + 100)
    expect(built).not.toHaveProperty('secret_note')
  })
})
