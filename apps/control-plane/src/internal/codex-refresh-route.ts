// POST /api/internal/gateway/codex/refresh: validated, then not implemented (no Codex OAuth sessions here).
import { codexRefreshRequestSchema, GatewayError } from '@gw/contract'
import type { Handler } from 'hono'
import { parseJsonBody } from '../http/parse-body.js'
import type { InternalEnv } from './internal-env.js'

/**
 * Builds the Codex token refresh handler. The body is validated (400 naming the field); a
 * valid one is 501 `not_implemented`, because this control plane stores no ChatGPT OAuth
 * sessions: none of its provider types is a Codex subscription.
 *
 * @example
 * internal.post('/codex/refresh', createCodexRefreshHandler())
 */
export function createCodexRefreshHandler(): Handler<InternalEnv> {
  return (c) => {
    const request = parseJsonBody(codexRefreshRequestSchema, c.get('rawBody'))
    throw new GatewayError(
      'not_implemented',
      'Codex token refresh is not implemented: this control plane stores no Codex (ChatGPT OAuth) sessions',
      { meta: { route: 'codex/refresh', provider_row_id: request.provider_row_id } },
    )
  }
}
