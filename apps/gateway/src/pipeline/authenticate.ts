// Step 2 of the pipeline: the presented key → a cached, verified bundle and config.
import type { IncomingHttpHeaders } from 'node:http'
import { type AuthCache, type CachedKey, toClientAuthError } from '@gw/auth-cache'
import { extractPresentedKey } from '../http/extract-key.js'
import type { LookupLimiter } from '../key-sync/lookup-limiter.js'

/** What {@link createAuthenticator} needs. */
export interface AuthenticatorOptions {
  cache: AuthCache
  /**
   * Called with the organisation and bundle revision of every key resolved on a miss (starts
   * its change feed from that revision, not from the organisation's first change).
   */
  onOrganization?: (organizationId: string, revision: string) => void
  /** Rations control-plane lookups of unknown keys; past it they get 401 without a lookup. */
  lookupLimiter?: LookupLimiter
}

// A missing key gets the very body of a malformed or unknown one: the answer must not tell a
// prober which of the three it hit (where to send a key is in the docs, not in the error).
const missingKey = () => toClientAuthError(undefined, true)

/**
 * Builds the authenticate step. A cache hit is synchronous work (hash + LRU lookup); a miss
 * resolves through the control plane once, whatever the concurrency.
 *
 * @example
 * const authenticate = createAuthenticator({ cache, onOrganization: (id, revision) => feed.start(id, revision) })
 * const key = await authenticate(request.headers)
 */
export function createAuthenticator(options: AuthenticatorOptions) {
  const { cache, onOrganization, lookupLimiter } = options
  return async function authenticate(
    headers: IncomingHttpHeaders,
    clientAddress?: string,
  ): Promise<CachedKey> {
    const raw = extractPresentedKey(headers)
    if (raw === undefined) throw missingKey()
    const hit = cache.peek(raw)
    if (hit !== undefined) return hit
    // Only keys nobody has seen cost a lookup; a flood of them is answered like a wrong key.
    if (lookupLimiter !== undefined && cache.needsLookup(raw) && !lookupLimiter.tryTake(clientAddress)) {
      throw missingKey()
    }
    const key = await cache.get(raw)
    onOrganization?.(key.claims.org_id, key.claims.revision)
    return key
  }
}
