// The identity fields every spend record of a request carries (request id, key and its scopes).
import type { CachedKey } from '@gw/auth-cache'
import type { SpendPayload } from '@gw/contract'

/**
 * The request id and the key's ids from its verified bundle claims.
 *
 * @example
 * spool.append('confirmSpend', { ...spendIdentity(key, requestId), cost_micro_usd: 1_200 })
 */
export function spendIdentity(key: CachedKey, requestId: string): SpendPayload {
  const { claims } = key
  return {
    gateway_request_id: requestId,
    vk_id: claims.vk_id,
    org_id: claims.org_id,
    project_id: claims.project_id,
    team_id: claims.team_id,
    principal_id: claims.principal_id,
  }
}
