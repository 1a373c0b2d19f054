// The routing part of a key's config document: the policy it names, as the gateway reads it.
import type { RoutingPolicyConfig } from '@gw/contract'
import type { Queryable } from '../db/database.js'
import { listRoutingPolicies } from './routing-policy-store.js'

/** A project's routing policies by id, in the key config's shape. */
export type ProjectRoutingPolicies = ReadonlyMap<string, RoutingPolicyConfig>

/** What a project without policies shares. */
export const noRoutingPolicies: ProjectRoutingPolicies = new Map()

/**
 * Loads, once per project, its routing policies.
 *
 * @example
 * const policies = await loadProjectRoutingPolicies(db, project.id)
 */
export async function loadProjectRoutingPolicies(
  db: Queryable,
  projectId: string,
): Promise<ProjectRoutingPolicies> {
  const policies = await listRoutingPolicies(db, projectId)
  if (policies.length === 0) return noRoutingPolicies
  return new Map(
    policies.map((policy) => [
      policy.id,
      {
        id: policy.id,
        name: policy.name,
        strategy: policy.strategy,
        targets: policy.targets.map((target) => ({
          provider_id: target.provider_id,
          model: target.model,
          weight: target.weight,
        })),
        sticky_sessions: policy.sticky_sessions,
      },
    ]),
  )
}

/**
 * The `routing_policy` of a key naming `policyId`: the policy with targets whose credential
 * still exists, or null (none named, or deleted).
 *
 * @example
 * keyRoutingPolicy(policies, key.config.routing_policy_id, providerIds)
 */
export function keyRoutingPolicy(
  policies: ProjectRoutingPolicies,
  policyId: string | null,
  providerIds: ReadonlySet<string>,
): RoutingPolicyConfig | null {
  if (policyId === null) return null
  const policy = policies.get(policyId)
  if (policy === undefined) return null
  const targets = policy.targets.filter((target) => providerIds.has(target.provider_id))
  return targets.length === policy.targets.length ? policy : { ...policy, targets }
}
