// Middleware: every /api/internal/gateway/* request must carry a valid HMAC signature over its raw body.
import { GatewayError, SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyRequest } from '@gw/contract'
import type { MiddlewareHandler } from 'hono'
import type { Clock } from '../shared/time.js'
import type { InternalEnv } from './internal-env.js'

/** Options for {@link verifySignature}. */
export interface VerifySignatureOptions {
  /** `LW_GATEWAY_INTERNAL_SECRET`. */
  secret: string
  /** Clock in milliseconds. Default: `Date.now`. */
  now?: Clock
}

/**
 * Reads the raw body once, verifies the signature over it and keeps it in `c.var.rawBody`
 * for the handler. Rejections are 401 `unauthorized` with `meta.reason` (`missing_signature`,
 * `invalid_signature`, `invalid_timestamp`, `timestamp_out_of_window`).
 *
 * @example
 * internal.use('*', verifySignature({ secret: config.internalSecret }))
 */
export function verifySignature(options: VerifySignatureOptions): MiddlewareHandler<InternalEnv> {
  const now = options.now ?? Date.now
  return async (c, next) => {
    const body = await c.req.text()
    const result = verifyRequest({
      secret: options.secret,
      method: c.req.method,
      path: c.req.path,
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
