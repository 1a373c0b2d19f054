// Header tables and filters for the passthrough: what reaches the upstream and what reaches the client.
import type { IncomingHttpHeaders } from 'node:http'

/** Flat `[name, value, …]` header list, the cheapest shape for undici and `writeHead`. */
export type FlatHeaders = (string | string[])[]

/** Connection-scoped headers (RFC 9110 §7.6.1) that a proxy must not forward. */
const hopByHop = ['connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'te'].concat([
  'trailer',
  'trailers',
  'transfer-encoding',
  'upgrade',
  'proxy-connection',
])

/**
 * Upstream response headers never shown to clients: hop-by-hop ones, and ones that describe the
 * provider account behind the gateway (organisation ids, cookies) rather than the response.
 */
const droppedResponseHeaders = new Set(
  hopByHop.concat([
    'set-cookie',
    'alt-svc',
    'openai-organization',
    'openai-project',
    'anthropic-organization-id',
    'cf-ray',
    'cf-cache-status',
  ]),
)

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
 * headers of the same name), then the upstream's minus hop-by-hop and provider-internal ones.
 * `content-length` is dropped when the body is rewritten on the way.
 */
export function toClientHeaders(
  upstream: IncomingHttpHeaders,
  extra: Readonly<Record<string, string>> | undefined,
  dropContentLength: boolean,
): FlatHeaders {
  const out: FlatHeaders = []
  if (extra !== undefined) for (const name in extra) out.push(name, extra[name] as string)
  for (const name in upstream) {
    const value = upstream[name]
    if (value === undefined || droppedResponseHeaders.has(name)) continue
    if (extra !== undefined && Object.hasOwn(extra, name)) continue
    if (dropContentLength && name === 'content-length') continue
    out.push(name, value)
  }
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
