// The end user of a request under a per-end-user budget: `X-LangWatch-End-User-Id`, then the body's `user`.
import type { IncomingHttpHeaders } from 'node:http'
import type { CachedKey } from '@gw/auth-cache'
import { GatewayError } from '@gw/contract'
import type { RequestBody } from '../pipeline/request-state.js'
import type { Budgets } from './create-budgets.js'

/** Longest end-user id accepted (the control plane keeps no bucket for a longer one). */
export const MAX_END_USER_ID_LENGTH = 256

const HEADER = 'x-langwatch-end-user-id'

function endUserRequired(reason: string): GatewayError {
  return new GatewayError(
    'end_user_required',
    `A per-end-user budget applies to this key and ${reason}: send the X-LangWatch-End-User-Id header (or the body's "user"), 1-${MAX_END_USER_ID_LENGTH} characters`,
    { meta: { header: 'X-LangWatch-End-User-Id', field: 'user' } },
  )
}

/**
 * The body's top-level `user`: from the byte scan while its offsets still describe `raw` (no
 * parse of an agent's 200 KB turn for one field), else from the parsed body.
 */
function bodyUser(body: RequestBody): unknown {
  const scanned = body.scanned
  return scanned?.layout !== undefined && scanned.layout.source === body.raw ? scanned.user : body.parsed.user
}

/**
 * The request's end user when a per-end-user template applies to the key, else null (a key
 * without budgets returns at its first check, and the body is read only when the header is
 * absent). Throws 400 `end_user_required` when a template applies and neither names one.
 *
 * @example
 * const endUser = resolveEndUser(budgets, state.key, incoming.headers, state.body)
 */
export function resolveEndUser(
  governance: Budgets,
  key: CachedKey,
  headers: IncomingHttpHeaders,
  body: RequestBody,
): string | null {
  if (key.config.budgets.length === 0) return null
  const plan = governance.enforcer.planFor(key.config, governance.now())
  if (plan === null || !plan.perEndUser) return null
  const header = headers[HEADER]
  let endUser = typeof header === 'string' && header !== '' ? header : undefined
  if (endUser === undefined) {
    const user = bodyUser(body)
    if (typeof user === 'string' && user !== '') endUser = user
  }
  if (endUser === undefined) throw endUserRequired('the request names no end user')
  if (endUser.length > MAX_END_USER_ID_LENGTH) throw endUserRequired('its end-user id is too long')
  return endUser
}

/**
 * Reconciles the end user's template buckets this gateway has not met yet with the control
 * plane (`/budget-bucket-spend`); undefined at once when every bucket is already held.
 *
 * @example
 * if (endUser !== null) await syncEndUserBuckets(budgets, state.key, endUser)
 */
export function syncEndUserBuckets(
  governance: Budgets,
  key: CachedKey,
  endUser: string,
): Promise<void> | undefined {
  const plan = governance.enforcer.planFor(key.config, governance.now())
  return plan === null ? undefined : governance.endUsers.sync(plan.budgets, endUser)
}
