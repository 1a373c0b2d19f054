// Step 2 of the pipeline: the presented key → a cached, verified bundle and config.
import type { IncomingHttpHeaders } from 'node:http'
import type { AuthCache, CachedKey } from '@gw/auth-cache'
import { GatewayError } from '@gw/contract'
import { extractPresentedKey } from './extract-key.js'

/** What {@link createAuthenticator} needs. */
export interface AuthenticatorOptions {
  cache: AuthCache
  /** Called with the organisation of every key resolved on a miss (starts its change feed). */
  onOrganization?: (organizationId: string) => void
}

const missingKey = () =>
  new GatewayError(
    'invalid_api_key',
    'Missing API key: send your virtual key as "Authorization: Bearer lw_vk_…", "x-api-key" or "x-goog-api-key"',
  )

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
