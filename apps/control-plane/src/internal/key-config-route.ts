// GET /api/internal/gateway/config/:vk_id → the key's config document, with a strong ETag and 304s.
import { createHash } from 'node:crypto'
import { GatewayError, isGatewayError } from '@gw/contract'
import type { Handler } from 'hono'
import { buildKeyConfig } from '../keys/build-key-config.js'
import { effectiveKeyState } from '../keys/key-state.js'
import { getVirtualKeyRecord } from '../keys/virtual-key-store.js'
import { loadProviderSlots } from '../providers/provider-credentials.js'
import type { ControlPlaneDeps } from '../shared/deps.js'
import { getProjectRecord } from '../tenancy/projects.js'
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
    const project = await getProjectRecord(deps.db, key.project_id)
    const config = {
      ...buildKeyConfig({
        key,
        projectOtlpToken:
          project.otlp_token_sealed === null ? null : deps.box.open(project.otlp_token_sealed, project.id),
        providers: await loadProviderSlots(deps, key.project_id),
      }),
      status: effectiveKeyState(key, deps.now()),
    }
    const body = JSON.stringify(config)
    const etag = `"${createHash('sha256').update(body).digest('base64url')}"`
    const headers = { ETag: etag, 'Cache-Control': 'no-store' }
    if (matchesEtag(c.req.header('If-None-Match'), etag)) return c.body(null, 304, headers)
    return c.body(body, 200, { ...headers, 'Content-Type': 'application/json' })
  }
}
