// Header tables and filters for the passthrough: what reaches the upstream and what reaches the client.
import type { IncomingHttpHeaders } from 'node:http'

/** Flat `[name, value, …]` header list, the cheapest shape for undici and `writeHead`. */
export type FlatHeaders = (string | string[])[]

/**
 * Upstream response headers a client sees (an allowlist: anything else, hop-by-hop headers,
 * cookies, caching and account details included, stays behind the gateway). Rate-limit families
 * are matched by prefix in {@link isForwardedResponseHeader}.
 */
const forwardedResponseHeaders = new Set([
  'content-type',
  'content-length',
  'content-encoding',
  'retry-after',
  'retry-after-ms',
])
const forwardedResponsePrefixes = ['x-ratelimit-', 'anthropic-ratelimit-', 'ratelimit-']

/** Provider request-id headers, shown to clients as {@link UPSTREAM_REQUEST_ID_HEADER}. */
const upstreamRequestIdHeaders = new Set([
  'x-request-id',
  'request-id',
  'apim-request-id',
  'x-amzn-requestid',
  'x-goog-request-id',
])

/** Where the provider's own request id goes (`X-Request-Id` stays the gateway's). */
export const UPSTREAM_REQUEST_ID_HEADER = 'x-langwatch-upstream-request-id'

function isForwardedResponseHeader(name: string): boolean {
  if (forwardedResponseHeaders.has(name)) return true
  for (const prefix of forwardedResponsePrefixes) if (name.startsWith(prefix)) return true
  return false
}

/**
 * Copies the allowlisted client headers into `out` as name/value pairs. Iterates the allowlist,
 * not the client's headers, so auth and hop-by-hop headers can never slip through.
 */
export function pickForwardedHeaders(
  clientHeaders: IncomingHttpHeaders | undefined,
  allowlist: readonly string[],
  out: string[],
): string[] {
  if (clientHeaders === undefined) return out
  for (const name of allowlist) {
    const value = clientHeaders[name]
    if (value === undefined) continue
    out.push(name, typeof value === 'string' ? value : value.join(', '))
  }
  return out
}

/**
 * Builds the client response headers: `extra` first (lower-case names; they replace upstream
 * headers of the same name), then the allowlisted upstream ones (content type and encoding,
 * rate limits, `retry-after`), the provider's request id as `x-langwatch-upstream-request-id`,
 * and always `cache-control: no-store`. `content-length` is dropped when the body is rewritten.
 */
export function toClientHeaders(
  upstream: IncomingHttpHeaders,
  extra: Readonly<Record<string, string>> | undefined,
  dropContentLength: boolean,
): FlatHeaders {
  const out: FlatHeaders = []
  if (extra !== undefined) for (const name in extra) out.push(name, extra[name] as string)
  let upstreamRequestId = false
  for (const name in upstream) {
    const value = upstream[name]
    if (value === undefined) continue
    if (upstreamRequestIdHeaders.has(name)) {
      if (!upstreamRequestId) out.push(UPSTREAM_REQUEST_ID_HEADER, value)
      upstreamRequestId = true
      continue
    }
    if (!isForwardedResponseHeader(name)) continue
    if (extra !== undefined && Object.hasOwn(extra, name)) continue
    if (dropContentLength && name === 'content-length') continue
    out.push(name, value)
  }
  if (extra === undefined || !Object.hasOwn(extra, 'cache-control')) out.push('cache-control', 'no-store')
  return out
}

/** Reads one header from a flat list (names lower-case), e.g. `retry-after` of a buffered error. */
export function findHeader(headers: FlatHeaders, name: string): string | undefined {
  for (let index = 0; index < headers.length; index += 2) {
    if (headers[index] === name) {
      const value = headers[index + 1]
      return Array.isArray(value) ? value[0] : value
    }
  }
  return undefined
}
