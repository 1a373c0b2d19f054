// Public API of @gw/routing: routing modes, routing policies, strategies and sticky sessions.
export {
  type CompiledKeyRouting,
  compileKeyRouting,
  hasRouting,
  type KeyRoutingConfig,
} from './compile-key-routing.js'
export { type CompiledPolicy, compilePolicy, type PolicyPlan, type PolicyTarget } from './compile-policy.js'
export {
  createRoutingEngine,
  type RoutingEngine,
  type RoutingEngineOptions,
} from './create-routing-engine.js'
export { type PlanRestrictions, restrictPlan } from './exclude-providers.js'
export { type PickContext, pickTarget } from './pick-target.js'
export { createRoutingStats, type RoutingStats, type RoutingStatsOptions } from './routing-stats.js'
export type { DecisionStrategy, RoutingDecision } from './routing-types.js'
export { type SessionBody, sessionIdOf } from './session-id.js'
export { createSmoothWeighted, type SmoothWeighted } from './smooth-weighted.js'
export { createStickySessions, type StickySessions, type StickySessionsOptions } from './sticky-sessions.js'
