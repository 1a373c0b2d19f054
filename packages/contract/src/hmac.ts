// HMAC-SHA256 signing and verification of control-plane calls (both directions), per ARCHITECTURE §4.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto'

/** Header carrying the hex HMAC-SHA256 signature. */
export const SIGNATURE_HEADER = 'X-LangWatch-Gateway-Signature'
/** Header carrying the unix-seconds timestamp covered by the signature. */
export const TIMESTAMP_HEADER = 'X-LangWatch-Gateway-Timestamp'
/** Header naming the calling gateway node (informational, not signed). */
export const NODE_HEADER = 'X-LangWatch-Gateway-Node'

/** Default accepted clock skew between signer and verifier, in seconds. */
export const DEFAULT_SIGNATURE_WINDOW_SECONDS = 300

/**
 * The METHOD of a signed response's string to sign (with the request's path, the answer's
 * timestamp and body): no request has it, so a response signature can never pass as a request's.
 */
export const RESPONSE_SIGNING_METHOD = 'RESPONSE'

const hexSignature = /^[0-9a-f]{64}$/i
const unixSeconds = /^\d{1,12}$/

/**
 * What PATH covers in the string to sign: `path-and-query` (ours, the default) or `path-only`
 * (LangWatch's form, accepted from other gateways only with `LW_GATEWAY_HMAC_COMPAT=path-only`).
 */
export type SigningScope = 'path-and-query' | 'path-only'

function stripQuery(path: string): string {
  const question = path.indexOf('?')
  return question === -1 ? path : path.slice(0, question)
}

/**
 * The exact string that is signed: `METHOD\nPATH\nUNIX_SECONDS\nhex(sha256(body))`. PATH
 * includes the query string (as sent) unless `scope` is `path-only` or the method is
 * {@link RESPONSE_SIGNING_METHOD}; a GET signs the hash of the empty body.
 *
 * @example
 * stringToSign('GET', '/api/internal/gateway/bootstrap?limit=1', 1734567890, '')
 */
export function stringToSign(
  method: string,
  path: string,
  timestamp: number | string,
  body: string | Uint8Array = '',
  scope: SigningScope = 'path-and-query',
): string {
  const bodyHash = createHash('sha256').update(body).digest('hex')
  // A response signature names the request's path only: the query never was part of it.
  const pathOnly = scope === 'path-only' || method === RESPONSE_SIGNING_METHOD
  const signedPath = pathOnly ? stripQuery(path) : path
  return `${method.toUpperCase()}\n${signedPath}\n${timestamp}\n${bodyHash}`
}

function computeSignature(
  secret: string,
  method: string,
  path: string,
  timestamp: number | string,
  body: string | Uint8Array,
  scope: SigningScope = 'path-and-query',
): string {
  return createHmac('sha256', secret)
    .update(stringToSign(method, path, timestamp, body, scope))
    .digest('hex')
}

/** Options for {@link signRequest}. */
export interface SignRequestOptions {
  /** `LW_GATEWAY_INTERNAL_SECRET`. */
  secret: string
  method: string
  /** Request path with its query string exactly as sent. */
  path: string
  /** Default `path-and-query`; `path-only` signs LangWatch's form (the query is left out). */
  scope?: SigningScope
  /** Raw request body exactly as sent. Default: empty. */
  body?: string | Uint8Array
  /** Unix seconds. Default: now. */
  timestamp?: number
  /** Sent as {@link NODE_HEADER} when given. */
  nodeId?: string
}

/** A computed signature and the headers that carry it. */
export interface SignedRequest {
  signature: string
  timestamp: number
  headers: Record<string, string>
}

/**
 * Signs one control-plane request and returns the headers to send with it.
 *
 * @example
 * const { headers } = signRequest({ secret, method: 'POST', path: '/api/internal/gateway/resolve-key', body })
 */
export function signRequest(options: SignRequestOptions): SignedRequest {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000)
  const signature = computeSignature(
    options.secret,
    options.method,
    options.path,
    timestamp,
    options.body ?? '',
    options.scope,
  )
  const headers: Record<string, string> = {
    [SIGNATURE_HEADER]: signature,
    [TIMESTAMP_HEADER]: String(timestamp),
  }
  if (options.nodeId !== undefined) headers[NODE_HEADER] = options.nodeId
  return { signature, timestamp, headers }
}

/** Options for {@link verifyRequest}. */
export interface VerifyRequestOptions {
  /** `LW_GATEWAY_INTERNAL_SECRET`. */
  secret: string
  method: string
  path: string
  /** Raw request body exactly as received. */
  body: string | Uint8Array
  /** Value of {@link SIGNATURE_HEADER}. */
  signature?: string | null
  /** Value of {@link TIMESTAMP_HEADER}, as sent. */
  timestamp?: string | null
  /** Clock in milliseconds. Default: `Date.now`. */
  now?: () => number
  /** Accepted skew in seconds either way. Default: 300. */
  windowSeconds?: number
  /** Also accept a signature over the path without its query (`LW_GATEWAY_HMAC_COMPAT=path-only`). Default false. */
  acceptPathOnly?: boolean
  /** Refuses a signature seen before within its window (`replayed_signature`). */
  replayCache?: ReplayCache
  /** Told apart in the replay cache for path-only signatures (which do not cover the query): the node header. */
  nodeId?: string | null
}

/** Why a signed request was refused (each answers 401). */
export type SignatureRejection =
  | 'missing_signature'
  | 'invalid_signature'
  | 'invalid_timestamp'
  | 'timestamp_out_of_window'
  | 'replayed_signature'

/** Outcome of {@link verifyRequest}; `scope` says which form of the signature matched. */
export type VerifyResult = { ok: true; scope: SigningScope } | { ok: false; reason: SignatureRejection }

/** Remembers signatures for the length of their window; see {@link createReplayCache}. */
export interface ReplayCache {
  /** Records `key` (valid until `expiresAtSeconds`); false when it was already recorded and unexpired. */
  remember(key: string, expiresAtSeconds: number, nowSeconds: number): boolean
  readonly size: number
}

/**
 * A bounded replay cache: entries live until their signature's window closes; past `maxEntries`
 * the oldest entries are dropped first (a flood cannot grow memory without limit).
 *
 * @example
 * const replayCache = createReplayCache({ maxEntries: 100_000 })
 * verifyRequest({ ...request, replayCache })
 */
export function createReplayCache(options: { maxEntries?: number } = {}): ReplayCache {
  const maxEntries = options.maxEntries ?? 100_000
  // Insertion order is roughly expiry order (same window for every entry): prune from the front.
  const entries = new Map<string, number>()
  return {
    remember(key, expiresAtSeconds, nowSeconds) {
      for (const [oldest, expiresAt] of entries) {
        if (expiresAt > nowSeconds && entries.size < maxEntries) break
        entries.delete(oldest)
      }
      const known = entries.get(key)
      if (known !== undefined && known > nowSeconds) return false
      entries.set(key, expiresAtSeconds)
      return true
    },
    get size() {
      return entries.size
    },
  }
}

/**
 * Verifies a signed request. Checks, in this order: missing signature, invalid signature
 * (constant-time; over the path with its query, or without it when `acceptPathOnly`), invalid
 * timestamp, timestamp outside the window, then (with a `replayCache`) a signature already seen. The signature is checked
 * over the timestamp string as sent, so a tampered timestamp reads as an invalid signature.
 *
 * @example
 * const result = verifyRequest({ secret, method: 'POST', path: url.pathname, body: raw,
 *   signature: req.headers['x-langwatch-gateway-signature'], timestamp: req.headers['x-langwatch-gateway-timestamp'] })
 * if (!result.ok) return reply401(result.reason)
 */
export function verifyRequest(options: VerifyRequestOptions): VerifyResult {
  const { signature } = options
  if (signature === undefined || signature === null || signature === '') {
    return { ok: false, reason: 'missing_signature' }
  }
  const timestamp = options.timestamp ?? ''
  if (!hexSignature.test(signature)) return { ok: false, reason: 'invalid_signature' }
  const presented = Buffer.from(signature.toLowerCase(), 'hex')
  const matches = (scope: SigningScope) =>
    timingSafeEqual(
      presented,
      Buffer.from(
        computeSignature(options.secret, options.method, options.path, timestamp, options.body, scope),
        'hex',
      ),
    )
  let scope: SigningScope = 'path-and-query'
  if (!matches(scope)) {
    // Without a query both forms are the same string: no second computation needed.
    if (options.acceptPathOnly !== true || !options.path.includes('?') || !matches('path-only')) {
      return { ok: false, reason: 'invalid_signature' }
    }
    scope = 'path-only'
  }
  if (!unixSeconds.test(timestamp)) return { ok: false, reason: 'invalid_timestamp' }
  const nowSeconds = (options.now ?? Date.now)() / 1000
  const windowSeconds = options.windowSeconds ?? DEFAULT_SIGNATURE_WINDOW_SECONDS
  if (Math.abs(nowSeconds - Number(timestamp)) > windowSeconds) {
    return { ok: false, reason: 'timestamp_out_of_window' }
  }
  if (options.replayCache !== undefined) {
    // A path-only signature does not cover the query: the same request from two gateway nodes
    // signs the same string, so the node and query are part of what counts as "seen".
    const question = options.path.indexOf('?')
    const key =
      scope === 'path-only'
        ? `${signature.toLowerCase()}|${options.nodeId ?? ''}|${question === -1 ? '' : options.path.slice(question)}`
        : signature.toLowerCase()
    if (!options.replayCache.remember(key, Number(timestamp) + windowSeconds, nowSeconds)) {
      return { ok: false, reason: 'replayed_signature' }
    }
  }
  return { ok: true, scope }
}
