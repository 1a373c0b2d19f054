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

function stripQuery(path: string): string {
  const question = path.indexOf('?')
  return question === -1 ? path : path.slice(0, question)
}

/**
 * The exact string that is signed: `METHOD\nPATH\nUNIX_SECONDS\nhex(sha256(body))`.
 * The query string is not part of PATH; a GET signs the hash of the empty body.
 *
 * @example
 * stringToSign('GET', '/api/internal/gateway/config/01HZX?x=1', 1734567890, '')
 */
export function stringToSign(
  method: string,
  path: string,
  timestamp: number | string,
  body: string | Uint8Array = '',
): string {
  const bodyHash = createHash('sha256').update(body).digest('hex')
  return `${method.toUpperCase()}\n${stripQuery(path)}\n${timestamp}\n${bodyHash}`
}

function computeSignature(
  secret: string,
  method: string,
  path: string,
  timestamp: number | string,
  body: string | Uint8Array,
): string {
  return createHmac('sha256', secret)
    .update(stringToSign(method, path, timestamp, body))
    .digest('hex')
}

/** Options for {@link signRequest}. */
export interface SignRequestOptions {
  /** `LW_GATEWAY_INTERNAL_SECRET`. */
  secret: string
  method: string
  /** Request path; a query string is ignored for signing. */
  path: string
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
}

/** Why a signed request was refused (each answers 401). */
export type SignatureRejection =
  | 'missing_signature'
  | 'invalid_signature'
  | 'invalid_timestamp'
  | 'timestamp_out_of_window'

/** Outcome of {@link verifyRequest}. */
export type VerifyResult = { ok: true } | { ok: false; reason: SignatureRejection }

/**
 * Verifies a signed request. Checks, in this order: missing signature, invalid signature
 * (constant-time), invalid timestamp, timestamp outside the window. The signature is checked
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
  const expected = computeSignature(options.secret, options.method, options.path, timestamp, options.body)
  const presented = Buffer.from(signature.toLowerCase(), 'hex')
  if (!timingSafeEqual(presented, Buffer.from(expected, 'hex'))) {
    return { ok: false, reason: 'invalid_signature' }
  }
  if (!unixSeconds.test(timestamp)) return { ok: false, reason: 'invalid_timestamp' }
  const nowSeconds = (options.now ?? Date.now)() / 1000
  const windowSeconds = options.windowSeconds ?? DEFAULT_SIGNATURE_WINDOW_SECONDS
  if (Math.abs(nowSeconds - Number(timestamp)) > windowSeconds) {
    return { ok: false, reason: 'timestamp_out_of_window' }
  }
  return { ok: true }
}
