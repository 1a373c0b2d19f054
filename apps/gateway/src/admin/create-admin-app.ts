// The admin listener's app: redacted config, heap snapshots and CPU profiles behind a bearer token.
import { redactConfig } from '@gw/config-hydrate'
import { GatewayError } from '@gw/contract'
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response'
import { Hono } from 'hono'
import type { Logger } from 'pino'
import { gatewayConfigSchema } from '../config/gateway-config-schema.js'
import type { GatewayConfig } from '../config.js'
import { createErrorHandler, createUnknownRouteHandler } from '../http/error-handler.js'
import type { GatewayEnv } from '../http/gateway-env.js'
import { createRouteTable, type RouteTable } from '../http/route-table.js'
import { createBearerAuth } from './bearer-auth.js'
import { writeCpuProfile, writeHeapSnapshot } from './inspector-dumps.js'

/** Options of {@link createAdminApp}. */
export interface AdminAppOptions {
  config: GatewayConfig
  logger: Logger
}

/** Bounds of `/debug/profile?seconds=N`. */
export const profileSeconds = { min: 1, max: 60, default: 10 } as const

/**
 * Creates the admin app: `GET /debug/config` (secrets masked), `GET /debug/heap` (a
 * `.heapsnapshot` download), `GET /debug/profile?seconds=N` (a `.cpuprofile`, N clamped 1–60).
 * One dump runs at a time; a second gets 409 `conflict`.
 *
 * @example
 * const admin = createAdminApp({ config, logger })
 */
export function createAdminApp({ config, logger }: AdminAppOptions): Hono<GatewayEnv> {
  const app = new Hono<GatewayEnv>()
  let routeTable: RouteTable | undefined
  let dumping = false
  const exclusive = async (dump: () => Promise<void>): Promise<Response> => {
    if (dumping)
      throw new GatewayError(
        'conflict',
        'Another heap snapshot or CPU profile is running; retry when it ends',
      )
    dumping = true
    try {
      await dump()
    } finally {
      dumping = false
    }
    return RESPONSE_ALREADY_SENT
  }

  app.use(createBearerAuth(config.admin.authToken))
  app.get('/debug/config', (c) => c.json(redactConfig(gatewayConfigSchema, config)))
  app.get('/debug/heap', (c) => exclusive(() => writeHeapSnapshot(c.env.outgoing)))
  app.get('/debug/profile', (c) => {
    const seconds = parseProfileSeconds(c.req.query('seconds'))
    return exclusive(() => writeCpuProfile(c.env.outgoing, seconds))
  })
  app.notFound(createUnknownRouteHandler(() => (routeTable ??= createRouteTable(app))))
  app.onError(createErrorHandler(logger))
  return app
}

function parseProfileSeconds(raw: string | undefined): number {
  if (raw === undefined || raw === '') return profileSeconds.default
  const seconds = Number(raw)
  if (!Number.isFinite(seconds)) {
    throw new GatewayError('bad_request', `seconds=${JSON.stringify(raw)} is not a number; use 1 to 60`)
  }
  return Math.min(profileSeconds.max, Math.max(profileSeconds.min, Math.round(seconds)))
}
