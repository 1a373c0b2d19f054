// The claims of the short-lived HS256 bundle JWT the control plane returns from /resolve-key.
import * as v from 'valibot'
import { parseWith } from './parse.js'

/** `iss` of every bundle JWT. */
export const BUNDLE_ISSUER = 'langwatch-control-plane'
/** `aud` of every bundle JWT. */
export const BUNDLE_AUDIENCE = 'langwatch-gateway'

/** Schema of the bundle JWT payload; unknown extra claims are accepted and dropped. */
export const bundleClaimsSchema = v.object({
  vk_id: v.pipe(v.string(), v.minLength(1)),
  org_id: v.string(),
  project_id: v.string(),
  team_id: v.optional(v.nullable(v.string()), null),
  principal_id: v.optional(v.nullable(v.string()), null),
  /** Monotonic revision of the key's configuration, as a string. */
  revision: v.pipe(
    v.union([v.string(), v.number()]),
    v.transform((value) => String(value)),
  ),
  /** Key expiry in unix seconds, or null when the key never expires. */
  vk_expires_at: v.optional(v.nullable(v.number()), null),
  iat: v.number(),
  exp: v.number(),
  iss: v.literal(BUNDLE_ISSUER),
  aud: v.union([v.literal(BUNDLE_AUDIENCE), v.array(v.string())]),
})

/** A verified bundle JWT's claims. */
export type BundleClaims = v.InferOutput<typeof bundleClaimsSchema>

/**
 * Validates a decoded bundle payload. Throws `GatewayError('auth_upstream_unavailable')` naming the
 * field: a bundle without the claims we need is an unusable control-plane answer.
 *
 * @example
 * const claims = parseBundleClaims(payload)
 */
export function parseBundleClaims(payload: unknown): BundleClaims {
  return parseWith(bundleClaimsSchema, payload, 'bundle claims', 'auth_upstream_unavailable')
}
