// Hono environment of the internal API: Node bindings plus the raw body kept by the signature check.
import type { HttpBindings } from '@hono/node-server'

/** Bindings and variables available to internal route handlers. */
export interface InternalEnv {
  Bindings: HttpBindings
  Variables: { rawBody: string }
}
