// Admin input for routing policies: ordered targets (credential, model, weight) and a strategy.
import { GatewayError, routingStrategies } from '@gw/contract'
import * as v from 'valibot'

const name = v.pipe(v.string(), v.minLength(1, 'must not be empty'), v.maxLength(200))

const targetSchema = v.strictObject({
  /** A provider credential id of the policy's project. */
  provider_id: name,
  /** null or absent → the requested model. */
  model: v.optional(v.nullable(name), null),
  weight: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(1_000_000)), 1),
})

const targets = v.pipe(
  v.array(targetSchema),
  v.minLength(1, 'needs at least one target'),
  v.maxLength(50, 'takes at most 50 targets'),
)

export const createRoutingPolicySchema = v.strictObject({
  project_id: name,
  name,
  strategy: v.picklist(routingStrategies, `must be one of ${routingStrategies.join(', ')}`),
  targets,
  /** Default true: sessions stick to one credential while it is healthy. */
  sticky_sessions: v.optional(v.boolean(), true),
})
export type CreateRoutingPolicyInput = v.InferOutput<typeof createRoutingPolicySchema>

export const updateRoutingPolicySchema = v.strictObject({
  name: v.optional(name),
  strategy: v.optional(v.picklist(routingStrategies, `must be one of ${routingStrategies.join(', ')}`)),
  targets: v.optional(targets),
  sticky_sessions: v.optional(v.boolean()),
})
export type UpdateRoutingPolicyInput = v.InferOutput<typeof updateRoutingPolicySchema>

/** A stored target. */
export type RoutingPolicyTarget = CreateRoutingPolicyInput['targets'][number]

/**
 * Refuses targets that cannot route: a credential outside the project, the same credential and
 * model twice, or every weight 0 (400 naming the field).
 *
 * @example
 * checkRoutingTargets(input.targets, new Set(['mp_1', 'mp_2']))
 */
export function checkRoutingTargets(
  list: readonly RoutingPolicyTarget[],
  credentials: ReadonlySet<string>,
): void {
  const seen = new Set<string>()
  for (const [index, target] of list.entries()) {
    const field = `targets.${index}.provider_id`
    if (!credentials.has(target.provider_id))
      throw new GatewayError(
        'bad_request',
        `Invalid field "${field}": provider credential "${target.provider_id}" not found in the policy's project`,
        { meta: { field } },
      )
    const pair = `${target.provider_id}\n${target.model ?? ''}`
    if (seen.has(pair))
      throw new GatewayError(
        'bad_request',
        `Invalid field "targets.${index}": credential "${target.provider_id}" with this model is already a target`,
        { meta: { field: `targets.${index}` } },
      )
    seen.add(pair)
  }
  if (list.every((target) => target.weight === 0))
    throw new GatewayError(
      'bad_request',
      'Invalid field "targets": at least one target needs a weight above 0',
      {
        meta: { field: 'targets' },
      },
    )
}
