// The routing part of a key config: routing modes and the named routing policy a key may use.
import * as v from 'valibot'

/** How a key routes: `none` (first eligible candidate only), `fallback_all` (walk the chain), `policy`. */
export const routingModes = ['none', 'fallback_all', 'policy'] as const
export type RoutingMode = (typeof routingModes)[number]

/** How a routing policy picks the first target of a request. */
export const routingStrategies = ['weighted', 'least_latency', 'least_busy'] as const
export type RoutingStrategy = (typeof routingStrategies)[number]

/** One target of a routing policy: a provider credential, an optional model, a weight. */
export const routingTargetSchema = v.object({
  /** A provider credential id of the key's `providers`. */
  provider_id: v.pipe(v.string(), v.minLength(1)),
  /** The model to ask this credential for; null or absent → the requested (resolved) model. */
  model: v.optional(v.nullable(v.string()), null),
  /** Share of traffic under `weighted` (and the tie-break of the other strategies). Default 1. */
  weight: v.optional(v.pipe(v.number(), v.minValue(0)), 1),
})

/**
 * A named routing policy as the key config carries it (`routing_policy`): ordered targets, a
 * strategy choosing the first one per request, the rest tried in order on fallback.
 */
export const routingPolicySchema = v.object({
  id: v.pipe(v.string(), v.minLength(1)),
  name: v.optional(v.string(), ''),
  strategy: v.picklist(routingStrategies),
  targets: v.array(routingTargetSchema),
  /** Sessions (`X-LangWatch-Session-Id`, Anthropic `metadata.user_id`) stick to one credential. Default true. */
  sticky_sessions: v.optional(v.boolean(), true),
})

export type RoutingTarget = v.InferOutput<typeof routingTargetSchema>
export type RoutingPolicyConfig = v.InferOutput<typeof routingPolicySchema>
