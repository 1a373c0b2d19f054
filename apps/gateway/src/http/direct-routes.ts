// Exact-path POST routes the Node listener serves without Hono (the proxied /v1 model routes).
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { ErrorShape } from './error-response.js'
import type { RequestContext } from './request-context.js'

/** A route the listener calls directly: it writes `outgoing` itself and settles when done. */
export interface DirectRoute {
  handle(incoming: IncomingMessage, outgoing: ServerResponse, context: RequestContext): Promise<void>
  /** The envelope its errors use. */
  shape: ErrorShape
}

/** POST routes by exact path (no query string). The same routes are also mounted on Hono. */
export type DirectRoutes = Map<string, DirectRoute>

// What Hono's adapter accepts as a Host: a name or IPv4/IPv6 literal with an optional port.
// Anything else goes through Hono, which answers it as before.
const plainHost = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/

/**
 * The direct route for a request, or undefined when Hono should serve it: any method but POST,
 * a query string or a path that is not registered, a missing or unusual Host header.
 *
 * @example
 * const route = directRouteFor(routes, incoming)
 * if (route !== undefined) void route.handle(incoming, outgoing, context)
 */
export function directRouteFor(routes: DirectRoutes, incoming: IncomingMessage): DirectRoute | undefined {
  if (routes.size === 0 || incoming.method !== 'POST') return undefined
  const route = routes.get(incoming.url ?? '')
  if (route === undefined) return undefined
  const host = incoming.headers.host
  return host !== undefined && plainHost.test(host) ? route : undefined
}
