// POST /api/internal/gateway/resolve-key → {jwt, revision, key_id, display_prefix}.
import { NODE_HEADER, resolveKeyRequestSchema } from '@gw/contract'
import type { Handler } from 'hono'
import { parseJsonBody } from '../http/parse-body.js'
import { type ResolveVirtualKeyOptions, resolveVirtualKey } from '../keys/resolve-virtual-key.js'
import type { ControlPlaneDeps } from '../shared/deps.js'
import type { InternalEnv } from './internal-env.js'

/**
 * Builds the resolve-key handler. Only `key_presented` is required; unknown fields are ignored.
 * The presented key is never logged; only the resolved key id is.
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
    // LangWatch's gateway names its node only in the header; ours also in the body.
    const node = request.gateway_node_id ?? c.req.header(NODE_HEADER) ?? null
    deps.logger.debug({ key_id: resolved.key_id, node }, 'key resolved')
    return c.json(resolved)
  }
}
