// The gw-gateway command: --help, --version, --print-config, or start and drain on signals.
import { ConfigError, redactConfig } from '@gw/config-hydrate'
import { createGatewayMetrics } from '@gw/otel'
import { gatewayConfigSchema } from '../config/gateway-config-schema.js'
import { loadGatewayConfig } from '../config.js'
import { installShutdownSignals } from '../lifecycle/shutdown-signals.js'
import { createLogger } from '../logging/create-logger.js'
import type { GatewayRoutes } from '../server/create-gateway-app.js'
import { startGateway } from '../server/start-gateway.js'
import { createGatewayServices } from '../v1/gateway-services.js'
import { createV1Routes } from '../v1/mount-v1-routes.js'
import { gatewayVersion } from '../version.js'
import { formatHelp } from './describe-variables.js'

/** Options of {@link runGatewayCli}. */
export interface GatewayCliOptions {
  argv: readonly string[]
  env: Readonly<Record<string, string | undefined>>
  stdout: (text: string) => void
  stderr: (text: string) => void
  /** Route modules to mount. Default: the `/v1/*` API wired to the control plane and providers. */
  routes?: GatewayRoutes | readonly GatewayRoutes[]
}

/**
 * Runs the command. Resolves with an exit code for flags and start-up failures, or with
 * undefined once the gateway is serving (it then exits 0 after a signal-driven drain).
 *
 * @example
 * const code = await runGatewayCli({ argv: process.argv.slice(2), env: process.env, stdout: console.log, stderr: console.error })
 */
export async function runGatewayCli(options: GatewayCliOptions): Promise<number | undefined> {
  const [flag, ...rest] = options.argv
  if (
    rest.length > 0 ||
    (flag !== undefined && !['--help', '-h', '--version', '--print-config'].includes(flag))
  ) {
    options.stderr(
      `Unknown arguments: ${options.argv.join(' ')}\nUsage: gw-gateway [--help | --version | --print-config]`,
    )
    return 2
  }
  if (flag === '--help' || flag === '-h') {
    options.stdout(formatHelp())
    return 0
  }
  if (flag === '--version') {
    options.stdout(gatewayVersion)
    return 0
  }
  let loaded: ReturnType<typeof loadGatewayConfig>
  try {
    loaded = loadGatewayConfig(options.env)
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    options.stderr(error.message)
    return 1
  }
  const { config, warnings } = loaded
  if (flag === '--print-config') {
    for (const warning of warnings) options.stderr(`warning: ${warning.message}`)
    options.stdout(JSON.stringify(redactConfig(gatewayConfigSchema, config), null, 2))
    return 0
  }
  const logger = createLogger({
    level: config.logging.level,
    base: { node_id: config.controlPlane.nodeId, environment: config.environment },
  })
  for (const warning of warnings) logger.warn({ ...warning.fields, detail: warning.message }, warning.event)
  try {
    const metrics = createGatewayMetrics()
    const services =
      options.routes === undefined ? createGatewayServices(config, { logger, metrics }) : undefined
    const routes = options.routes ?? createV1Routes(services!)
    const gateway = await startGateway(config, {
      logger,
      metrics,
      routes,
      ...(services === undefined ? {} : { beforeReady: () => services.warmUp() }),
    })
    installShutdownSignals(gateway, { logger })
    return undefined
  } catch (error) {
    logger.fatal({ err: error }, 'gateway_start_failed')
    await new Promise<void>((resolve) => logger.flush(() => resolve()))
    return 1
  }
}
