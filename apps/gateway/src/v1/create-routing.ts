// The gateway's routing engine (@gw/routing) wired to its breakers, its config and /metrics.
import type { GatewayMetrics } from '@gw/otel'
import type { CircuitBreakers } from '@gw/providers'
import { createRoutingEngine, type DecisionStrategy, type RoutingEngine } from '@gw/routing'
import type { GatewayConfig } from '../config.js'

/**
 * Creates the routing engine of the /v1 routes; each decision counts in
 * `gateway_routing_decisions_total{strategy}` (keys with a routing mode, policy or exclusion only).
 *
 * @example
 * const routing = createRouting(config, providers.breakers, metrics)
 */
export function createRouting(
  config: Pick<GatewayConfig, 'routing'>,
  breakers: CircuitBreakers,
  metrics: Pick<GatewayMetrics, 'routingDecisions'>,
): RoutingEngine {
  // One child per label value, bound once: an increment is then a plain add.
  const children = new Map<DecisionStrategy, { inc(): void }>()
  return createRoutingEngine({
    breakers,
    sticky: { maxEntries: config.routing.stickyMaxSessions, ttlMs: config.routing.stickyTtlMs },
    onDecision(strategy) {
      let child = children.get(strategy)
      if (child === undefined) {
        child = metrics.routingDecisions.labels(strategy)
        children.set(strategy, child)
      }
      child.inc()
    },
  })
}
