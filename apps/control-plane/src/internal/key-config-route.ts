// GET /api/internal/gateway/config/:vk_id → the key's config document, with a strong ETag and 304s.
import { GatewayError, isGatewayError } from '@gw/contract'
import type { Handler } from 'hono'
import { loadKeyBudgets } from '../budgets/key-budgets.js'
import { loadProjectConfigParts, renderKeyConfig } from '../keys/render-key-config.js'
import { getVirtualKeyRecord } from '../keys/virtual-key-store.js'
import type { ControlPlaneDeps } from '../shared/deps.js'
import type { InternalEnv } from './internal-env.js'

/** True when an `If-None-Match` value lists `etag` (or `*`); weak validators compare equal. */
function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false
  return ifNoneMatch
    .split(',')
    .map((candidate) => candidate.trim().replace(/^W\//, ''))
    .some((candidate) => candidate === etag || candidate === '*')
}

/**
 * Builds the config handler. The document carries decrypted provider credentials: this signed
 * route is the only place they leave the control plane, and the answer is `no-store`.
 *
 * @example
 * internal.get('/config/:vk_id', createKeyConfigHandler(deps))
 */
export function createKeyConfigHandler(deps: ControlPlaneDeps): Handler<InternalEnv, '/config/:vk_id'> {
  return async (c) => {
    const id = c.req.param('vk_id')
    const key = await getVirtualKeyRecord(deps.db, id).catch((error: unknown) => {
      if (!isGatewayError(error) || error.code !== 'not_found') throw error
      throw new GatewayError('virtual_key_not_found', `Virtual key "${id}" not found`, { meta: { id } })
    })
    const nowMs = deps.now()
    const budgets = (await loadKeyBudgets(deps.db, [key], nowMs)).get(key.id)
    const { body, etag } = renderKeyConfig(
      key,
      await loadProjectConfigParts(deps, key.project_id),
      nowMs,
      budgets,
    )
    const headers = { ETag: etag, 'Cache-Control': 'no-store' }
    if (matchesEtag(c.req.header('If-None-Match'), etag)) return c.body(null, 304, headers)
    return c.body(body, 200, { ...headers, 'Content-Type': 'application/json' })
  }
}
