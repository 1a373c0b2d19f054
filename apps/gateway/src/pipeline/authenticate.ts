// Step 2 of the pipeline: the presented key → a cached, verified bundle and config.
import type { IncomingHttpHeaders } from 'node:http'
import { type AuthCache, type CachedKey, toClientAuthError } from '@gw/auth-cache'
import { GatewayError } from '@gw/contract'
import { extractApiKeyHeader, extractBearerKey } from '../http/extract-key.js'
import type { LookupLimiter } from '../key-sync/lookup-limiter.js'

/** What {@link createAuthenticator} needs. */
export interface AuthenticatorOptions {
  cache: AuthCache
  /**
   * Called with the organisation and bundle revision of every key resolved on a miss (starts
   * its change feed from that revision, not from the organisation's first change).
   */
  onOrganization?: (organizationId: string, revision: string) => void
  /** Rations control-plane lookups of keys not cached; past it they get 429 without a lookup. */
  lookupLimiter?: LookupLimiter
}

// A missing key gets the very body of a malformed or unknown one: the answer must not tell a
// prober which of the three it hit (where to send a key is in the docs, not in the error).
const missingKey = () => toClientAuthError(undefined, true)

// A key this gateway has not cached may be valid (a new key, one evicted by the change feed, a
// cold replica): past the lookup ration it is not judged but deferred, with the same answer for
// valid and invalid keys so a prober learns nothing. SDKs retry 429 after Retry-After.
function lookupRationed(retryAfter: number): GatewayError {
  return new GatewayError(
    'auth_lookup_rate_limited',
    'This gateway is checking too many keys it has not seen yet; the key was not checked. Retry after Retry-After',
    { retryAfter },
  )
}

// The last key each connection presented with its hash: a keep-alive client sends the same key on
// every request, and SHA-256 of it was the largest single item of a cache hit. Held weakly: the
// entry goes with the socket. `authorization` is the whole header the key came from (undefined
// for x-api-key / x-goog-api-key): the same header again is the same key, compared as Node parsed
// it (a flat string) without extracting the key again.
interface LastKey {
  readonly raw: string
  readonly hash: string
  readonly authorization: string | undefined
}
const lastKeyOf = new WeakMap<object, LastKey>()

/**
 * Whether two keys are equal, in time that depends on their length only (a proxy may carry many
 * clients' requests over one connection: the comparison must not tell one how another's key starts).
 */
export function sameKey(a: string, b: string): boolean {
  if (a.length !== b.length) return false
  let difference = 0
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i)
  return difference === 0
}

/**
 * Builds the authenticate step. A cache hit is synchronous work (hash + LRU lookup; no hash when
 * `connection`, the request's socket, presented the same key last time, and no key extraction
 * either when it sent the very same Authorization header) and is returned as a
 * value, not a promise, so the hot path pays no microtask for it; a refusal before any lookup
 * throws at once. A miss returns a promise and resolves through the control plane once, whatever
 * the concurrency.
 *
 * @example
 * const authenticate = createAuthenticator({ cache, onOrganization: (id, revision) => feed.start(id, revision) })
 * const key = await authenticate(request.headers, request.socket.remoteAddress, request.socket) // a value or a promise
 */
export function createAuthenticator(options: AuthenticatorOptions) {
  const { cache, onOrganization, lookupLimiter } = options
  async function resolveMiss(raw: string): Promise<CachedKey> {
    const key = await cache.get(raw)
    onOrganization?.(key.claims.org_id, key.claims.revision)
    return key
  }
  return function authenticate(
    headers: IncomingHttpHeaders,
    clientAddress?: string,
    connection?: object,
  ): CachedKey | Promise<CachedKey> {
    const authorization = headers.authorization
    const last = connection === undefined ? undefined : lastKeyOf.get(connection)
    if (
      last?.authorization !== undefined &&
      authorization !== undefined &&
      sameKey(last.authorization, authorization)
    ) {
      const hit = cache.peekHashed(last.hash)
      if (hit !== undefined) return hit
    }
    const bearer = extractBearerKey(authorization)
    const raw = bearer ?? extractApiKeyHeader(headers)
    if (raw === undefined) throw missingKey()
    const known = last !== undefined && sameKey(last.raw, raw)
    const hit = known ? cache.peekHashed(last.hash) : cache.peek(raw)
    if (hit !== undefined) {
      if (!known && connection !== undefined) {
        lastKeyOf.set(connection, {
          raw,
          hash: hit.keyHash,
          authorization: bearer === undefined ? undefined : authorization,
        })
      }
      return hit
    }
    // Only keys nobody has seen cost a lookup; past the ration they are deferred, not judged.
    if (lookupLimiter !== undefined && cache.needsLookup(raw) && !lookupLimiter.tryTake(clientAddress)) {
      throw lookupRationed(lookupLimiter.retryAfterSeconds)
    }
    return resolveMiss(raw)
  }
}
