// Matches a method and path to the route that answers it: exact paths first, then patterns.
import type { MockRoute } from './exchange.js'

/** A route and the paths it answers; a RegExp's named groups become `params`. */
export interface RouteEntry {
  method: 'GET' | 'POST'
  paths: Array<string | RegExp>
  route: MockRoute
}

/** The route of a request and its captured params. */
export interface RouteMatch {
  route: MockRoute
  params: Record<string, string>
}

const noParams: Record<string, string> = Object.freeze({}) as Record<string, string>

/** Finds a request's route; hot exact paths are one Map lookup. */
export type RouteMatcher = (method: string, path: string) => RouteMatch | undefined

/**
 * Compiles entries into a matcher.
 *
 * @example
 * const match = createRouteMatcher(entries)
 * match('POST', '/v1/chat/completions')?.route.operation // 'chat.completions'
 */
export function createRouteMatcher(entries: RouteEntry[]): RouteMatcher {
  const exact = new Map<string, RouteMatch>()
  const patterns: Array<[method: string, pattern: RegExp, route: MockRoute]> = []
  for (const entry of entries) {
    for (const path of entry.paths) {
      if (typeof path === 'string')
        exact.set(`${entry.method} ${path}`, { route: entry.route, params: noParams })
      else patterns.push([entry.method, path, entry.route])
    }
  }
  return (method, path) => {
    const hit = exact.get(`${method} ${path}`)
    if (hit) return hit
    for (const [patternMethod, pattern, route] of patterns) {
      if (patternMethod !== method) continue
      const match = pattern.exec(path)
      if (match) return { route, params: { ...match.groups } }
    }
    return undefined
  }
}
