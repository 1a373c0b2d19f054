// Signs the bundle JWT the control plane hands to gateways (HS256, iss/aud fixed, exp ≤ key expiry).
import { BUNDLE_AUDIENCE, BUNDLE_ISSUER, type BundleClaims } from '@gw/contract'
import { SignJWT } from 'jose'

/** Claims the caller provides; `iat`, `exp`, `iss` and `aud` are set by {@link signBundle}. */
export type BundleClaimsInput = Omit<BundleClaims, 'iat' | 'exp' | 'iss' | 'aud'>

/** Options for {@link signBundle}. */
export interface SignBundleOptions {
  /** `LW_GATEWAY_JWT_SECRET`. */
  secret: string
  /** Lifetime of the bundle. Default: 900 s. */
  ttlSeconds?: number
  /** Clock in milliseconds. Default: `Date.now`. */
  now?: () => number
}

const encoder = new TextEncoder()

/**
 * Signs a bundle JWT. `exp = min(iat + ttl, vk_expires_at)` so a gateway never caches a key past
 * its own expiry.
 *
 * @example
 * const jwt = await signBundle(
 *   { vk_id: 'vk_1', org_id: 'org_1', project_id: 'prj_1', team_id: null, principal_id: null,
 *     revision: '7', vk_expires_at: null },
 *   { secret: process.env.LW_GATEWAY_JWT_SECRET! },
 * )
 */
export async function signBundle(claims: BundleClaimsInput, options: SignBundleOptions): Promise<string> {
  const iat = Math.floor((options.now ?? Date.now)() / 1000)
  const ttlExpiry = iat + (options.ttlSeconds ?? 900)
  const exp = claims.vk_expires_at === null ? ttlExpiry : Math.min(ttlExpiry, claims.vk_expires_at)
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(BUNDLE_ISSUER)
    .setAudience(BUNDLE_AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .sign(encoder.encode(options.secret))
}
