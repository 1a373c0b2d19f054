// POST /api/internal/gateway/resolve-key → {jwt, revision, key_id, display_prefix}.
import { resolveKeyRequestSchema } from '@gw/contract'
import type { Handler } from 'hono'
import { parseJsonBody } from '../http/parse-body.js'
import { type ResolveVirtualKeyOptions, resolveVirtualKey } from '../keys/resolve-virtual-key.js'
import type { ControlPlaneDeps } from '../shared/deps.js'
import type { InternalEnv } from './internal-env.js'

/**
 * Builds the resolve-key handler. The presented key is never logged; only the resolved key id is.
 *
 * @example
 * internal.post('/resolve-key', createResolveKeyHandler(deps, { jwtSecret, bundleTtlSeconds: 900 }))
 */
export function createResolveKeyHandler(
  deps: ControlPlaneDeps,
  options: ResolveVirtualKeyOptions,
): Handler<InternalEnv> {
  return async (c) => {
    const request = parseJsonBody(resolveKeyRequestSchema, c.get('rawBody'))
    const resolved = await resolveVirtualKey(deps, request.key_presented, options)
    deps.logger.debug({ key_id: resolved.key_id, node: request.gateway_node_id }, 'key resolved')
    return c.json(resolved)
  }
}
