// Looks up registered route patterns in the app's own router: metric labels and 405 answers.
import type { Hono } from 'hono'
import type { GatewayEnv } from './gateway-env.js'

/** Label used for requests that matched no route (bounded metric cardinality). */
export const unmatchedRoute = 'unmatched'

const probedMethods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const

/** Route lookups over an app whose routes are all registered. */
export interface RouteTable {
  /** The pattern (`/v1/models/:id`) that serves `method path`, or {@link unmatchedRoute}. */
  routeOf(method: string, path: string): string
  /** Methods some route accepts on `path` (HEAD added with GET); empty for an unknown path. */
  allowedMethods(path: string): string[]
}

type RouteEntry = [[unknown, { method: string; path: string }], unknown]

/**
 * Creates lookups that reuse Hono's router, so patterns match exactly as routing does. Call
 * only after every route is registered (Hono's router refuses new routes after a match).
 *
 * @example
 * const table = createRouteTable(app)
 * table.routeOf('GET', '/healthz') // '/healthz'
 * table.allowedMethods('/healthz') // ['GET', 'HEAD']
 */
export function createRouteTable(app: Hono<GatewayEnv>): RouteTable {
  const routeOf = (method: string, path: string): string => {
    // Hono serves HEAD with the GET route.
    const [entries] = app.router.match(method === 'HEAD' ? 'GET' : method, path) as unknown as [RouteEntry[]]
    for (let index = entries.length - 1; index >= 0; index--) {
      const route = entries[index]![0][1]
      // Middleware (app.use) registers as ALL; only method routes name a pattern.
      if (route.method !== 'ALL') return route.path
    }
    return unmatchedRoute
  }
  return {
    routeOf,
    allowedMethods(path) {
      const allowed: string[] = probedMethods.filter((method) => routeOf(method, path) !== unmatchedRoute)
      if (allowed.includes('GET')) allowed.splice(1, 0, 'HEAD')
      return allowed
    },
  }
}
