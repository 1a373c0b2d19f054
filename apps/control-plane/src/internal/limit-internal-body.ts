// Middleware: caps one internal route's request body before the signature check reads it.
import { GatewayError } from '@gw/contract'
import type { MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { InternalEnv } from './internal-env.js'

/**
 * Refuses a body over `maxBytes` with 413 `payload_too_large` (declared length at once, chunked
 * bodies as soon as they pass the cap), so nothing unbounded is buffered or hashed. The app caps
 * every body too (`maxBodyBytes`); this keeps a route's own contract limit if that one grows.
 *
 * @example
 * internal.use('/spend-commands', limitInternalBody(MAX_SPEND_BATCH_BYTES))
 */
export function limitInternalBody(maxBytes: number): MiddlewareHandler<InternalEnv> {
  return bodyLimit({
    maxSize: maxBytes,
    onError: (c) => {
      throw new GatewayError('payload_too_large', `Request body is larger than ${maxBytes} bytes`, {
        meta: { max_bytes: maxBytes, path: c.req.path },
      })
    },
  })
}
