// One compiled router per control-plane key config: built on first use, dropped with the config.
import type { GatewayKeyConfig } from '@gw/contract'
import { createRouter, type Router } from './create-router.js'
import { routeConfigFromKeyConfig } from './route-config-from-key.js'

const routers = new WeakMap<GatewayKeyConfig, Router>()

/**
 * The router of a key's config. Config objects are replaced (never mutated) when a cache
 * refreshes them, so a WeakMap keyed by the object is both the memo and its invalidation: a
 * key's router is compiled once per config revision.
 *
 * @example
 * const plan = routerForKeyConfig(key.config).resolve('gpt-4o-mini')
 * const models = routerForKeyConfig(key.config).listModels()
 */
export function routerForKeyConfig(config: GatewayKeyConfig): Router {
  let router = routers.get(config)
  if (router === undefined) {
    router = createRouter(routeConfigFromKeyConfig(config))
    routers.set(config, router)
  }
  return router
}
