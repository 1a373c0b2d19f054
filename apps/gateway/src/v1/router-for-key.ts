// One compiled router per key config: built on first use, dropped with the config it came from.
import type { GatewayKeyConfig } from '@gw/contract'
import { createRouter, type Router, routeConfigFromKeyConfig } from '@gw/providers'

const routers = new WeakMap<GatewayKeyConfig, Router>()

/**
 * The router of a key's config. Config objects are replaced (never mutated) when the cache
 * refreshes, so a WeakMap keyed by the object is both the memo and its invalidation.
 *
 * @example
 * const plan = routerForKey(key.config).resolve('gpt-4o-mini')
 */
export function routerForKey(config: GatewayKeyConfig): Router {
  let router = routers.get(config)
  if (router === undefined) {
    router = createRouter(routeConfigFromKeyConfig(config))
    routers.set(config, router)
  }
  return router
}
