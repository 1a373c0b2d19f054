// The routing engine the gateway holds: routes a resolved plan per key, settles after dispatch.
import type { IncomingHttpHeaders } from 'node:http'
import type { GatewayKeyConfig } from '@gw/contract'
import type { CircuitBreakers, ForwardResult, RoutePlan } from '@gw/providers'
import { type CompiledKeyRouting, compileKeyRouting, hasRouting } from './compile-key-routing.js'
import { restrictPlan } from './exclude-providers.js'
import { pickTarget } from './pick-target.js'
import { createRoutingStats, type RoutingStats, type RoutingStatsOptions } from './routing-stats.js'
import type { DecisionStrategy, RoutingDecision } from './routing-types.js'
import { type SessionBody, sessionIdOf } from './session-id.js'
import { createStickySessions, type StickySessions, type StickySessionsOptions } from './sticky-sessions.js'

/** Options of {@link createRoutingEngine}. */
export interface RoutingEngineOptions {
  /** The breakers dispatch uses (open ones are skipped; a sticky session moves when its opens). */
  breakers: Pick<CircuitBreakers, 'state'>
  /** Latency and load statistics. */
  stats?: RoutingStatsOptions
  sticky?: StickySessionsOptions
  /** Under `least_latency`, a credential unsampled this long gets one probe. Default 2 000 ms. */
  probeAfterMs?: number
  /** Monotonic clock in ms, read at most once per route and once per settle. Default `performance.now`. */
  now?: () => number
  /** Called once per decision with its strategy (the `gateway_routing_decisions_total` counter). */
  onDecision?: (strategy: DecisionStrategy) => void
}

/** Routes requests of keys with a routing mode, policy or exclusions. */
export interface RoutingEngine {
  /**
   * The decision for one request, or undefined when the key routes as today (nothing to do).
   * Reads `body.parsed` only for a sticky policy and a request without `X-LangWatch-Session-Id`.
   */
  route(
    config: GatewayKeyConfig,
    plan: RoutePlan,
    headers: IncomingHttpHeaders,
    body: SessionBody | undefined,
  ): RoutingDecision | undefined
  /** After dispatch (or its failure): latency samples, in-flight count, session pin. Never throws. */
  settle(decision: RoutingDecision, result: ForwardResult | undefined): void
  readonly stats: RoutingStats
  readonly sticky: StickySessions
}

function staticDecision(plan: RoutePlan, strategy: DecisionStrategy): RoutingDecision {
  return {
    plan,
    strategy,
    providerId: plan.candidates[0]?.provider.id,
    policyId: undefined,
    inFlightId: undefined,
    sessionKey: undefined,
    pinned: undefined,
  }
}

/**
 * Creates the engine. Each key config object is compiled once (a WeakMap: a refreshed config is
 * a new object); static plans (`none`, exclusions) are memoised per resolved plan, so only
 * policy routing does work per request.
 *
 * @example
 * const routing = createRoutingEngine({ breakers: providers.breakers })
 * const decision = routing.route(key.config, plan, incoming.headers, body)
 * // … dispatch decision?.plan ?? plan …
 * if (decision !== undefined) routing.settle(decision, result)
 */
export function createRoutingEngine(options: RoutingEngineOptions): RoutingEngine {
  const { breakers } = options
  const stats = createRoutingStats(options.stats)
  const sticky = createStickySessions(options.sticky)
  const probeAfterMs = options.probeAfterMs ?? 2_000
  const now = options.now ?? (() => performance.now())
  const pickContext = { breakers, stats, probeAfterMs }
  const compiled = new WeakMap<GatewayKeyConfig, CompiledKeyRouting>()
  const staticDecisions = new WeakMap<CompiledKeyRouting, WeakMap<RoutePlan, RoutingDecision>>()
  const decided = (strategy: DecisionStrategy): void => {
    try {
      options.onDecision?.(strategy)
    } catch {
      // Metrics never break a request.
    }
  }

  const staticRoute = (routing: CompiledKeyRouting, plan: RoutePlan): RoutingDecision => {
    let byPlan = staticDecisions.get(routing)
    if (byPlan === undefined) {
      byPlan = new WeakMap()
      staticDecisions.set(routing, byPlan)
    }
    let decision = byPlan.get(plan)
    if (decision === undefined) {
      decision = staticDecision(
        restrictPlan(plan, routing.restrictions),
        routing.mode === 'none' ? 'none' : 'fallback_all',
      )
      byPlan.set(plan, decision)
    }
    return decision
  }

  return {
    stats,
    sticky,
    route(config, plan, headers, body) {
      if (!hasRouting(config)) return undefined
      let routing = compiled.get(config)
      if (routing === undefined) {
        routing = compileKeyRouting(config)
        compiled.set(config, routing)
      }
      const policy = routing.policy
      const policyPlan = policy?.planFor(plan)
      if (policy === undefined || policyPlan === undefined) {
        const decision = staticRoute(routing, plan)
        decided(decision.strategy)
        return decision
      }
      const sessionId = policy.sticky ? sessionIdOf(headers, body) : undefined
      const sessionKey = sessionId === undefined ? undefined : `${config.vk_id ?? ''}\n${sessionId}`
      let index = -1
      let strategy: DecisionStrategy = policy.strategy
      const at = sessionKey !== undefined || policy.strategy === 'least_latency' ? now() : 0
      const pinned = sessionKey === undefined ? undefined : sticky.get(sessionKey, at)
      if (pinned !== undefined && breakers.state(pinned) !== 'open') {
        const targets = policy.targets
        for (let each = 0; each < targets.length; each++) {
          if (targets[each]!.provider.id !== pinned || policyPlan.usable[each] !== 1) continue
          index = each
          strategy = 'sticky'
          break
        }
      }
      if (index === -1) index = pickTarget(policy, policyPlan, pickContext, at)
      const routed = policyPlan.orders[index] as RoutePlan
      const providerId = policy.targets[index]!.provider.id
      stats.started(providerId)
      decided(strategy)
      return {
        plan: routed,
        strategy,
        providerId,
        policyId: policy.id,
        inFlightId: providerId,
        sessionKey,
        pinned,
      }
    },
    settle(decision, result) {
      if (decision.inFlightId === undefined) return
      try {
        stats.finished(decision.inFlightId)
        if (result === undefined) return
        const at = now()
        for (const record of result.records) {
          if (record.status > 0 && record.status < 500 && record.ttfbMs > 0)
            stats.observeTtfb(record.providerId, record.ttfbMs, at)
        }
        const { sessionKey, pinned } = decision
        if (sessionKey === undefined || result.status >= 500) return
        // A session moves only when its credential's breaker opened; a single failure keeps it.
        if (pinned === undefined || (pinned !== result.providerId && breakers.state(pinned) === 'open'))
          sticky.set(sessionKey, result.providerId, at)
      } catch {
        // Routing statistics never break a request.
      }
    },
  }
}
