// Middleware: caps internal API request bodies before the signature check reads them.
import { GatewayError } from '@gw/contract'
import type { MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { InternalEnv } from './internal-env.js'

/**
 * Cap of every internal request body: a guardrail check carries a client request, which the
 * gateway accepts up to 32 MiB (`SERVER_MAX_REQUEST_BODY_BYTES`' default).
 */
export const MAX_INTERNAL_BODY_BYTES = 32 * 1024 * 1024

/**
 * Refuses a body over `maxBytes` with 413 `payload_too_large` (declared length at once, chunked
 * bodies as soon as they pass the cap), so nothing unbounded is buffered or hashed.
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
