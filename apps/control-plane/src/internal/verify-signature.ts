// Middleware: every /api/internal/gateway/* request must carry a valid HMAC signature over its raw body.
import {
  createReplayCache,
  GatewayError,
  NODE_HEADER,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  verifyRequest,
} from '@gw/contract'
import type { MiddlewareHandler } from 'hono'
import type { Clock } from '../shared/time.js'
import type { InternalEnv } from './internal-env.js'

function pathWithQuery(url: string): string {
  const parsed = new URL(url)
  return `${parsed.pathname}${parsed.search}`
}

/** Options for {@link verifySignature}. */
export interface VerifySignatureOptions {
  /** `LW_GATEWAY_INTERNAL_SECRET`. */
  secret: string
  /** Clock in milliseconds. Default: `Date.now`. */
  now?: Clock
  /** `LW_GATEWAY_HMAC_COMPAT=path-only`: also accept signatures over the path without its query. */
  acceptPathOnly?: boolean
  /** Signatures remembered to refuse replays. Default 100,000 (about 10 MB at most). */
  replayCacheSize?: number
}

/**
 * Reads the raw body once, verifies the signature over it and the path with its query, refuses a
 * signature already used within its window, and keeps the body in `c.var.rawBody` for the handler. Rejections are 401 `unauthorized` with `meta.reason` (`missing_signature`,
 * `invalid_signature`, `invalid_timestamp`, `timestamp_out_of_window`, `replayed_signature`).
 *
 * @example
 * internal.use('*', verifySignature({ secret: config.internalSecret }))
 */
export function verifySignature(options: VerifySignatureOptions): MiddlewareHandler<InternalEnv> {
  const now = options.now ?? Date.now
  const replayCache = createReplayCache({ maxEntries: options.replayCacheSize ?? 100_000 })
  return async (c, next) => {
    const body = await c.req.text()
    // The path with its query exactly as sent: the signature covers both.
    const target =
      (c.env as Partial<InternalEnv['Bindings']> | undefined)?.incoming?.url ?? pathWithQuery(c.req.url)
    const result = verifyRequest({
      secret: options.secret,
      method: c.req.method,
      path: target,
      acceptPathOnly: options.acceptPathOnly === true,
      replayCache,
      nodeId: c.req.header(NODE_HEADER) ?? null,
      body,
      signature: c.req.header(SIGNATURE_HEADER) ?? null,
      timestamp: c.req.header(TIMESTAMP_HEADER) ?? null,
      now,
    })
    if (!result.ok) {
      throw new GatewayError('unauthorized', `Request signature rejected: ${result.reason}`, {
        meta: { reason: result.reason },
      })
    }
    c.set('rawBody', body)
    await next()
  }
}
