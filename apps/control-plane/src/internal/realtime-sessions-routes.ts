// /api/internal/gateway/realtime-sessions[/:session_id[/usage]]: validated, then not implemented.
import {
  GatewayError,
  patchRealtimeSessionRequestSchema,
  reportRealtimeUsageRequestSchema,
  reserveRealtimeSessionRequestSchema,
} from '@gw/contract'
import { Hono } from 'hono'
import type * as v from 'valibot'
import { parseJsonBody } from '../http/parse-body.js'
import type { InternalEnv } from './internal-env.js'

function notImplemented(schema: v.GenericSchema, route: string) {
  return (c: { get(key: 'rawBody'): string }): never => {
    parseJsonBody(schema, c.get('rawBody'))
    throw new GatewayError(
      'not_implemented',
      'Realtime voice sessions are not implemented: this control plane brokers no realtime sessions',
      { meta: { route } },
    )
  }
}

/**
 * Builds the realtime-session routes (reserve, patch, usage). Each validates its body as the
 * contract defines it (400 naming the field); a valid one is 501 `not_implemented`, since no
 * provider of this control plane brokers realtime voice sessions.
 *
 * @example
 * internal.route('/realtime-sessions', createRealtimeSessionRoutes())
 */
export function createRealtimeSessionRoutes(): Hono<InternalEnv> {
  const routes = new Hono<InternalEnv>()
  routes.post('/', notImplemented(reserveRealtimeSessionRequestSchema, 'realtime-sessions'))
  routes.patch(
    '/:session_id',
    notImplemented(patchRealtimeSessionRequestSchema, 'realtime-sessions/:session_id'),
  )
  routes.post(
    '/:session_id/usage',
    notImplemented(reportRealtimeUsageRequestSchema, 'realtime-sessions/:session_id/usage'),
  )
  return routes
}
