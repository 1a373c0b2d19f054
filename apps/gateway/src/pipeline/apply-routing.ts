// The routing half of step "resolve model": routing mode, policy and exclusions (@gw/routing).
import type { RoutePlan } from '@gw/providers'
import type { RoutingEngine } from '@gw/routing'
import type { RequestState } from './request-state.js'

/**
 * The plan routing chose for the request, recording the decision on the state (span, metric,
 * settle). A key with the default config gets `plan` back after three field reads. The body is
 * only read for a sticky policy and a request without `X-LangWatch-Session-Id`.
 *
 * @example
 * return applyRouting(services.routing, state, routerForKeyConfig(config).resolve(model))
 */
export function applyRouting(routing: RoutingEngine, state: RequestState, plan: RoutePlan): RoutePlan {
  const decision = routing.route(state.key!.config, plan, state.incoming.headers, state.body)
  if (decision === undefined) return plan
  state.routing = decision
  return decision.plan
}

/**
 * After dispatch (answered or failed): latency sample, in-flight count, session pin. Nothing for
 * a key without routing.
 *
 * @example
 * settleRouting(services.routing, state)
 */
export function settleRouting(routing: RoutingEngine, state: RequestState): void {
  if (state.routing !== undefined) routing.settle(state.routing, state.result)
}
