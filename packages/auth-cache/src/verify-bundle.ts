// Verifies bundle JWTs with prepared keys: current secret first, then the previous one during rotation.

import { webcrypto } from 'node:crypto'
import {
  BUNDLE_AUDIENCE,
  BUNDLE_ISSUER,
  type BundleClaims,
  GatewayError,
  parseBundleClaims,
} from '@gw/contract'
import { errors, type JWTVerifyOptions, jwtVerify } from 'jose'

/** Options for {@link createBundleVerifier}. */
export interface BundleVerifierOptions {
  /** `LW_GATEWAY_JWT_SECRET`. */
  secret: string
  /** `LW_GATEWAY_JWT_SECRET_PREVIOUS`: accepted only while set (rotation overlap). */
  previousSecret?: string | undefined
  /** Clock in milliseconds. Default: `Date.now`. */
  now?: () => number
}

/** Verifies one bundle JWT and returns its claims. */
export type BundleVerifier = (jwt: string) => Promise<BundleClaims>

// A CryptoKey imported once: jose would otherwise re-import a raw secret on every verify.
async function importHmacKey(secret: string): Promise<webcrypto.CryptoKey> {
  const bytes = new TextEncoder().encode(secret)
  return webcrypto.subtle.importKey('raw', bytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['verify'])
}

function rejectBundle(reason: string, cause?: unknown): GatewayError {
  // Not the client's fault: a bundle we cannot trust means the control plane answer is unusable.
  return new GatewayError('auth_upstream_unavailable', `Bundle JWT rejected: ${reason}`, {
    meta: { reason },
    cause,
  })
}

/**
 * Builds a verifier with keys imported once. Pins HS256, checks `iss`, `aud` and `exp`, and
 * falls back to the previous secret only when the signature does not match the current one.
 * Failures throw `GatewayError('auth_upstream_unavailable')` with `meta.reason`.
 *
 * @example
 * const verify = createBundleVerifier({ secret: env.jwtSecret, previousSecret: env.jwtSecretPrevious })
 * const claims = await verify(resolved.jwt)
 */
export function createBundleVerifier(options: BundleVerifierOptions): BundleVerifier {
  if (options.secret === '') throw new TypeError('createBundleVerifier: secret must not be empty')
  const keys = [importHmacKey(options.secret)]
  if (options.previousSecret) keys.push(importHmacKey(options.previousSecret))
  // Avoid unhandled rejections if import fails before the first verify awaits the promises.
  for (const key of keys) key.catch(() => undefined)
  const now = options.now ?? Date.now
  const baseOptions: JWTVerifyOptions = {
    algorithms: ['HS256'],
    issuer: BUNDLE_ISSUER,
    audience: BUNDLE_AUDIENCE,
    requiredClaims: ['exp', 'iat'],
  }

  return async function verifyBundle(jwt: string): Promise<BundleClaims> {
    const verifyOptions: JWTVerifyOptions = { ...baseOptions, currentDate: new Date(now()) }
    let lastError: unknown
    for (const key of keys) {
      try {
        const { payload } = await jwtVerify(jwt, await key, verifyOptions)
        return parseBundleClaims(payload)
      } catch (error) {
        lastError = error
        if (!(error instanceof errors.JWSSignatureVerificationFailed)) break
      }
    }
    throw toBundleError(lastError)
  }
}

function toBundleError(error: unknown): GatewayError {
  if (error instanceof GatewayError) return error
  if (error instanceof errors.JWTExpired) return rejectBundle('expired', error)
  if (error instanceof errors.JWSSignatureVerificationFailed) return rejectBundle('invalid_signature', error)
  if (error instanceof errors.JOSEAlgNotAllowed) return rejectBundle('algorithm_not_allowed', error)
  if (error instanceof errors.JWTClaimValidationFailed)
    return rejectBundle(`invalid_claim_${error.claim}`, error)
  return rejectBundle('malformed', error)
}
