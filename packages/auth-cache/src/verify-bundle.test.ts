import { base64url, SignJWT } from 'jose'
import { describe, expect, it } from 'vitest'
import { signBundle } from './sign-bundle.js'
import { BUNDLE_SECRET, bundleKeyClaims, fixedClock, issuedBundleClaims, T0 } from './test-utils/fixtures.js'
import { createBundleVerifier } from './verify-bundle.js'

const oldSecret = 'previous-jwt-secret-0123456789abcdef'
const secret = BUNDLE_SECRET
const t0 = T0
const clock = fixedClock
const claims = bundleKeyClaims

async function errorOf(promise: Promise<unknown>): Promise<{ code: string; meta: { reason: string } }> {
  return promise.then(
    () => {
      throw new Error('expected a rejection')
    },
    (error: { code: string; meta: { reason: string } }) => error,
  )
}

describe('createBundleVerifier', () => {
  it('returns the claims of a valid bundle', async () => {
    const verify = createBundleVerifier({ secret, now: clock(t0 + 1000) })
    const verified = await verify(await signBundle(claims, { secret, now: clock(t0) }))
    expect(verified).toEqual(issuedBundleClaims(t0))
  })

  it('accepts a bundle signed with the old secret only while previousSecret is set', async () => {
    const oldBundle = await signBundle(claims, { secret: oldSecret, now: clock(t0) })
    const during = createBundleVerifier({ secret, previousSecret: oldSecret, now: clock(t0) })
    expect((await during(oldBundle)).vk_id).toBe('vk_1')
    expect((await during(await signBundle(claims, { secret, now: clock(t0) }))).vk_id).toBe('vk_1')
    const after = createBundleVerifier({ secret, now: clock(t0) })
    expect(await errorOf(after(oldBundle))).toMatchObject({
      code: 'auth_upstream_unavailable',
      meta: { reason: 'invalid_signature' },
    })
  })

  it('rejects an expired bundle, also when the previous secret is set', async () => {
    const jwt = await signBundle(claims, { secret, now: clock(t0) })
    const verify = createBundleVerifier({ secret, previousSecret: oldSecret, now: clock(t0 + 901_000) })
    expect((await errorOf(verify(jwt))).meta.reason).toBe('expired')
  })

  it('rejects alg none and HS512', async () => {
    const verify = createBundleVerifier({ secret, now: clock(t0) })
    const header = base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }))
    const body = base64url.encode(JSON.stringify(issuedBundleClaims(t0)))
    expect((await errorOf(verify(`${header}.${body}.`))).code).toBe('auth_upstream_unavailable')
    const hs512 = await new SignJWT({ ...claims })
      .setProtectedHeader({ alg: 'HS512' })
      .setIssuer('langwatch-control-plane')
      .setAudience('langwatch-gateway')
      .setIssuedAt(t0 / 1000)
      .setExpirationTime(t0 / 1000 + 900)
      .sign(new TextEncoder().encode(secret))
    expect((await errorOf(verify(hs512))).meta.reason).toBe('algorithm_not_allowed')
  })

  it('rejects a wrong audience or issuer and missing claims', async () => {
    const verify = createBundleVerifier({ secret, now: clock(t0) })
    const key = new TextEncoder().encode(secret)
    const build = (aud: string, iss: string, extra: Record<string, unknown> = claims) =>
      new SignJWT(extra)
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer(iss)
        .setAudience(aud)
        .setIssuedAt(t0 / 1000)
        .setExpirationTime(t0 / 1000 + 900)
        .sign(key)
    expect((await errorOf(verify(await build('someone-else', 'langwatch-control-plane')))).meta.reason).toBe(
      'invalid_claim_aud',
    )
    expect((await errorOf(verify(await build('langwatch-gateway', 'mallory')))).meta.reason).toBe(
      'invalid_claim_iss',
    )
    const withoutVkId = await build('langwatch-gateway', 'langwatch-control-plane', { org_id: 'o' })
    expect(await errorOf(verify(withoutVkId))).toMatchObject({ code: 'auth_upstream_unavailable' })
    expect((await errorOf(verify('not.a.jwt'))).meta.reason).toBe('malformed')
  })
})
