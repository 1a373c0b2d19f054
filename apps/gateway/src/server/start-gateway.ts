// Starts the gateway in-process: listeners, admin listener, start-up checks, drain and close.
import type { Server } from 'node:http'
import { formatHostPort, isLoopbackHost, parseListenAddress } from '@gw/config-hydrate'
import { createGatewayMetrics, type GatewayMetrics } from '@gw/otel'
import type { Logger } from 'pino'
import { createAdminListener } from '../admin/admin-listener.js'
import { createAdminApp } from '../admin/create-admin-app.js'
import type { GatewayConfig } from '../config.js'
import type { DirectRoutes } from '../http/direct-routes.js'
import { createRouteTable, type RouteTable } from '../http/route-table.js'
import { createDrainController, type DrainController, type DrainResult } from '../lifecycle/drain.js'
import { trackConnections } from '../lifecycle/end-open-streams.js'
import { createLifecycleState, type LifecycleState } from '../lifecycle/lifecycle-state.js'
import { runStartupNetcheck, type StartupNetcheckOptions } from '../lifecycle/startup-netcheck.js'
import { createLogger } from '../logging/create-logger.js'
import { gatewayVersion } from '../version.js'
import { createGatewayApp, type GatewayRoutes } from './create-gateway-app.js'
import { createHttpServer, listen } from './create-http-server.js'
import { createLoadShedder } from './load-shedder.js'
import { createGatewayRequestListener } from './request-listener.js'

/** Options of {@link startGateway}. */
export interface StartGatewayOptions {
  /** Default: JSON lines on stdout at LOG_LEVEL, with node id and environment on every line. */
  logger?: Logger
  /** Route modules mounted after the probes (the `/v1/*` extension point). Default none. */
  routes?: GatewayRoutes | readonly GatewayRoutes[]
  /** Default: a new registry with process metrics. */
  metrics?: GatewayMetrics
  /** DNS and dial functions of the start-up netcheck (tests). Default: real DNS and TCP. */
  netcheck?: Pick<StartupNetcheckOptions, 'lookup' | 'dial'>
  /** Called with the public URL once it is bound, before start-up checks end (`/startupz` still 503). */
  onListening?: (url: string) => void
  /**
   * Start-up work after the listeners are bound and the netcheck passed, before `/startupz`
   * turns 200 (the auth-cache bootstrap). A rejection fails the start like a failed netcheck.
   */
  beforeReady?: () => Promise<unknown>
}

/** A started gateway. */
export interface RunningGateway {
  /** Base URL of the public listener, e.g. `http://127.0.0.1:5563`. */
  readonly url: string
  readonly port: number
  /** Base URL of the admin listener when GATEWAY_ADMIN_ADDR is set. */
  readonly adminUrl: string | undefined
  readonly server: Server
  readonly adminServer: Server | undefined
  readonly lifecycle: LifecycleState
  readonly metrics: GatewayMetrics
  readonly logger: Logger
  /** Requests being handled right now. */
  inFlight(): number
  /** The four-phase graceful drain (what SIGTERM runs); resolves when every listener closed. */
  drain(): Promise<DrainResult>
  /** Ends the drain's waits now, cutting what is still running. */
  hurry(): void
  /** Stops at once without draining (tests, fatal start-up errors). */
  close(): Promise<void>
}

/**
 * Starts the gateway: binds the public listener (and the admin listener when configured),
 * runs the start-up netcheck, then flips `/startupz` to 200. Signals are not handled here
 * (see `installShutdownSignals`), so tests can run several gateways in one process.
 *
 * @example
 * const gateway = await startGateway(config, { routes: (app) => app.get('/v1/models', (c) => c.json({ data: [] })) })
 * await fetch(`${gateway.url}/readyz`)
 * await gateway.drain()
 */
export async function startGateway(
  config: GatewayConfig,
  options: StartGatewayOptions = {},
): Promise<RunningGateway> {
  const logger =
    options.logger ??
    createLogger({
      level: config.logging.level,
      base: { node_id: config.controlPlane.nodeId, environment: config.environment },
    })
  if (config.controlPlane.jwtSecretPrevious !== undefined) {
    logger.warn(
      {
        variable: 'LW_GATEWAY_JWT_SECRET_PREVIOUS',
        hint: 'bundles signed with the previous secret are accepted; remove it once ~15m have passed since the rotation',
      },
      'jwt_secret_rotation_active',
    )
  }
  const metrics = options.metrics ?? createGatewayMetrics()
  const lifecycle = createLifecycleState()
  const directRoutes: DirectRoutes = new Map()
  const app = createGatewayApp({
    config,
    logger,
    metrics,
    lifecycle,
    directRoutes,
    routes: options.routes ?? [],
  })
  let routeTable: RouteTable | undefined
  let drainer: DrainController | undefined
  const requests = createGatewayRequestListener({
    app,
    directRoutes,
    routeTable: () => (routeTable ??= createRouteTable(app)),
    logger,
    metrics,
    lifecycle,
    shedder: createLoadShedder({ maxInFlight: config.server.maxInflightRequests, metrics, logger }),
    onResponseClosed: () => drainer?.onResponseClosed(),
  })
  const server = createHttpServer(requests.listener, config.server)
  const connections = trackConnections(server)
  const address = parseListenAddress(config.server.addr)!
  const port = await listen(server, address.host, address.port)
  const url = `http://${formatHostPort(reachableHost(address.host), port)}`
  options.onListening?.(url)

  let adminServer: Server | undefined
  let adminUrl: string | undefined
  const closeAll = async (): Promise<void> => {
    lifecycle.draining = true
    await Promise.all([server, adminServer].map((each) => each && closeNow(each)))
  }
  try {
    if (config.admin.addr !== undefined) {
      const adminAddress = parseListenAddress(config.admin.addr)!
      adminServer = createHttpServer(
        createAdminListener(createAdminApp({ config, logger }), logger),
        config.server,
      )
      const adminPort = await listen(adminServer, adminAddress.host, adminAddress.port)
      adminUrl = `http://${formatHostPort(reachableHost(adminAddress.host), adminPort)}`
      logger.info(
        {
          addr: formatHostPort(adminAddress.host ?? '0.0.0.0', adminPort),
          auth_required: config.admin.authToken !== undefined,
          loopback_only: isLoopbackHost(adminAddress.host),
        },
        'admin_listening',
      )
    }
    if (config.startupNetcheck.hosts.length > 0) {
      await runStartupNetcheck({ ...config.startupNetcheck, ...options.netcheck })
      logger.info({ hosts: config.startupNetcheck.hosts }, 'startup_netcheck_passed')
    }
    await options.beforeReady?.()
  } catch (error) {
    await closeAll()
    throw error
  }

  drainer = createDrainController({
    server,
    adminServer,
    lifecycle,
    metrics,
    logger,
    inFlight: requests.inFlight,
    drainDelayMs: config.server.drainDelayMs,
    gracefulMs: config.server.gracefulMs,
    beforeCut: () => connections.endOpenStreams(),
  })
  lifecycle.started = true
  logger.info({ url, addr: config.server.addr, version: gatewayVersion }, 'gateway_started')
  const { drain, hurry } = drainer
  return {
    url,
    port,
    adminUrl,
    server,
    adminServer,
    lifecycle,
    metrics,
    logger,
    inFlight: requests.inFlight,
    drain,
    hurry,
    close: closeAll,
  }
}

// A wildcard bind is reached through loopback by local clients and tests.
function reachableHost(host: string | undefined): string {
  if (host === undefined || host === '0.0.0.0') return '127.0.0.1'
  return host === '::' ? '::1' : host
}

function closeNow(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve()
    server.close(() => resolve())
    server.closeAllConnections()
  })
}
