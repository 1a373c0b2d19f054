// Step 2 of the pipeline: the presented key → a cached, verified bundle and config.
import type { IncomingHttpHeaders } from 'node:http'
import { type AuthCache, type CachedKey, toClientAuthError } from '@gw/auth-cache'
import { extractPresentedKey } from '../http/extract-key.js'

/** What {@link createAuthenticator} needs. */
export interface AuthenticatorOptions {
  cache: AuthCache
  /** Called with the organisation of every key resolved on a miss (starts its change feed). */
  onOrganization?: (organizationId: string) => void
}

// A missing key gets the very body of a malformed or unknown one: the answer must not tell a
// prober which of the three it hit (where to send a key is in the docs, not in the error).
const missingKey = () => toClientAuthError(undefined, true)

/**
 * Builds the authenticate step. A cache hit is synchronous work (hash + LRU lookup); a miss
 * resolves through the control plane once, whatever the concurrency.
 *
 * @example
 * const authenticate = createAuthenticator({ cache, onOrganization: (id) => feed.watch(id) })
 * const key = await authenticate(request.headers)
 */
export function createAuthenticator(options: AuthenticatorOptions) {
  const { cache, onOrganization } = options
  return async function authenticate(headers: IncomingHttpHeaders): Promise<CachedKey> {
    const raw = extractPresentedKey(headers)
    if (raw === undefined) throw missingKey()
    const hit = cache.peek(raw)
    if (hit !== undefined) return hit
    const key = await cache.get(raw)
    onOrganization?.(key.claims.org_id)
    return key
  }
}
