// Test helper: starts a gateway on 127.0.0.1:0 with test routes and captured logs.
import { loadGatewayConfig } from '../config.js'
import { type RunningGateway, type StartGatewayOptions, startGateway } from '../server/start-gateway.js'
import { type CapturedLogs, captureLogs } from './capture-logs.js'
import { testRoutes } from './test-routes.js'

/** Variables every test gateway starts with (loopback, port 0, no pre-drain wait). */
export const testEnv: Record<string, string> = {
  ENVIRONMENT: 'test',
  SERVER_ADDR: '127.0.0.1:0',
  SERVER_DRAIN_DELAY_SECONDS: '0',
  LW_GATEWAY_INTERNAL_SECRET: 'test-internal-secret-0123456789abcdef',
  LW_GATEWAY_JWT_SECRET: 'test-jwt-secret-0123456789abcdef0123',
}

export interface TestGateway extends RunningGateway {
  logs: CapturedLogs
}

/** Starts a gateway with `testEnv` plus `env`; close it in afterEach/afterAll. */
export async function startTestGateway(
  env: Record<string, string> = {},
  options: StartGatewayOptions = {},
): Promise<TestGateway> {
  const { config } = loadGatewayConfig({ ...testEnv, ...env })
  const logs = captureLogs()
  const gateway = await startGateway(config, { logger: logs.logger, routes: testRoutes, ...options })
  return Object.assign(gateway, { logs })
}
