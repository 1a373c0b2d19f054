// Test helper: mock provider, control plane (PGlite in memory, console on) and gateway, in-process on loopback.
import { mkdtempSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateControlPlaneSecrets, loadControlPlaneConfig, startControlPlane } from '@gw/control-plane'
import {
  createGatewayServices,
  createLogger,
  createV1Routes,
  loadGatewayConfig,
  startGateway,
} from '@gw/gateway'
import { startMockProvider } from '@gw/mock-provider'
import { createGatewayMetrics } from '@gw/otel'

/** A running stack. */
export interface ConsoleStack {
  /** The control plane's URL; the console is at `${controlPlaneUrl}/console`. */
  controlPlaneUrl: string
  gatewayUrl: string
  mockUrl: string
  adminToken: string
  close(): Promise<void>
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0))
    })
  })
}

/**
 * Starts the stack; the gateway records spend for every key (GATEWAY_SPEND_RECORD=all) so the
 * console's chart has data without a budget.
 *
 * @example
 * const stack = await startConsoleStack()
 * await stack.close()
 */
export async function startConsoleStack(): Promise<ConsoleStack> {
  const secrets = generateControlPlaneSecrets()
  const mock = await startMockProvider({})
  // The console prints the gateway's URL in a new key's env lines, so its port is chosen first.
  const gatewayPort = await freePort()
  const controlPlane = await startControlPlane(
    loadControlPlaneConfig({
      ...secrets,
      CONTROL_PLANE_ADDR: '127.0.0.1:0',
      CONTROL_PLANE_DATA_DIR: 'memory://',
      CONTROL_PLANE_CONSOLE_GATEWAY_URL: `http://127.0.0.1:${gatewayPort}`,
      LOG_LEVEL: 'error',
    }),
  )
  const { config } = loadGatewayConfig({
    ENVIRONMENT: 'test',
    SERVER_ADDR: `127.0.0.1:${gatewayPort}`,
    SERVER_DRAIN_DELAY_SECONDS: '0',
    LW_GATEWAY_BASE_URL: controlPlane.url,
    LW_GATEWAY_INTERNAL_SECRET: secrets.LW_GATEWAY_INTERNAL_SECRET,
    LW_GATEWAY_JWT_SECRET: secrets.LW_GATEWAY_JWT_SECRET,
    GATEWAY_SPEND_RECORD: 'all',
    GATEWAY_SPEND_SPOOL_DIR: mkdtempSync(join(tmpdir(), 'gw-console-e2e-spool-')),
    LOG_LEVEL: 'error',
  })
  const logger = createLogger({ level: 'error' })
  const metrics = createGatewayMetrics()
  const services = createGatewayServices(config, { logger, metrics })
  const gateway = await startGateway(config, {
    logger,
    metrics,
    routes: createV1Routes(services),
    beforeReady: () => services.warmUp(),
  })
  return {
    controlPlaneUrl: controlPlane.url,
    gatewayUrl: gateway.url,
    mockUrl: mock.url,
    adminToken: secrets.CONTROL_PLANE_ADMIN_TOKEN,
    async close() {
      await gateway.close()
      await services.close()
      await new Promise((resolve) => setTimeout(resolve, 100))
      await controlPlane.close()
      await mock.close()
    },
  }
}
