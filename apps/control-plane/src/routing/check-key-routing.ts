// Admin check of a key's routing fields: `policy` mode needs a policy of the key's project.
import { GatewayError } from '@gw/contract'
import type { Queryable } from '../db/database.js'
import type { KeyPolicy } from '../keys/key-policy.js'

/**
 * Throws 400 `bad_request` when `routing_mode` is `policy` without `routing_policy_id`, or when
 * the named policy is not one of the key's project.
 *
 * @example
 * await checkKeyRouting(tx, current.project_id, current.config)
 */
export async function checkKeyRouting(db: Queryable, projectId: string, config: KeyPolicy): Promise<void> {
  const policyId = config.routing_policy_id
  if (config.routing_mode === 'policy' && policyId === null)
    throw new GatewayError(
      'bad_request',
      'Invalid field "config.routing_policy_id": routing_mode "policy" needs the id of a routing policy',
      { meta: { field: 'config.routing_policy_id' } },
    )
  if (policyId === null) return
  const { rows } = await db.query('select id from routing_policies where id = $1 and project_id = $2', [
    policyId,
    projectId,
  ])
  if (rows.length === 0)
    throw new GatewayError(
      'bad_request',
      `Invalid field "config.routing_policy_id": routing policy "${policyId}" not found in the key's project`,
      { meta: { field: 'config.routing_policy_id' } },
    )
}
