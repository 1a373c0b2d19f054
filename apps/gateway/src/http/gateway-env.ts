// The Hono environment of the gateway app: Node's request and response as bindings.
import type { HttpBindings } from '@hono/node-server'

/**
 * Hono environment of every gateway route: `c.env.incoming` / `c.env.outgoing` are the Node
 * request and response (proxied routes write to `outgoing` and return `RESPONSE_ALREADY_SENT`).
 */
export type GatewayEnv = { Bindings: HttpBindings }
