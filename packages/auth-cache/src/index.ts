// Public API of @gw/auth-cache: key hashing and format, bundle JWT sign/verify, the auth cache.

export type { AuthCache, AuthCacheEvent, AuthCacheOptions, CachedKey, ResolvedEntry } from './auth-cache.js'
export { createAuthCache } from './auth-cache.js'
export type { EntryDecision, EntryTiming, PolicySettings } from './cache-policy.js'
export { decideEntry, nextRetryAt } from './cache-policy.js'
export { isAuthFailure, toClientAuthError } from './classify-resolve-error.js'
export { hashKey, pepperedDigest } from './hash-key.js'
export type { BundleClaimsInput, SignBundleOptions } from './sign-bundle.js'
export { buildBundleClaims, signBundle } from './sign-bundle.js'
export type { BundleVerifier, BundleVerifierOptions } from './verify-bundle.js'
export { createBundleVerifier } from './verify-bundle.js'
export { isWellFormedVirtualKey, parseVirtualKeyId } from './virtual-key-format.js'
