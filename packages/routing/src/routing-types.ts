// Types shared by the routing modules: the decision a request carries from "resolve model" to the end.
import type { RoutingStrategy } from '@gw/contract'
import type { RoutePlan } from '@gw/providers'

/** The `strategy` label of a decision (bounded: six values). */
export type DecisionStrategy = 'none' | 'fallback_all' | RoutingStrategy | 'sticky'

/** What routing decided for one request. Static decisions (`none`, `fallback_all`) are shared. */
export interface RoutingDecision {
  /** The plan dispatch walks: the chosen credential first. */
  readonly plan: RoutePlan
  readonly strategy: DecisionStrategy
  /** The credential put first. */
  readonly providerId: string | undefined
  /** The routing policy, when the key routes by one. */
  readonly policyId: string | undefined
  /** Set when the request counts as in flight on this credential until settled. */
  readonly inFlightId: string | undefined
  /** The key-scoped session key, when the request carries a session and the policy is sticky. */
  readonly sessionKey: string | undefined
  /** The credential the session was pinned to when routed (settle moves it only if that breaker opened). */
  readonly pinned: string | undefined
}
