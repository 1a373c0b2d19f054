// Test helper: the whole stack in-process on loopback — mock provider, control plane (PGlite in
// memory), gateway with the real /v1 routes — plus an admin client to mint keys.
import {
  type AdminClient,
  createAdminClient,
  generateControlPlaneSecrets,
  loadControlPlaneConfig,
  type RunningControlPlane,
  startControlPlane,
} from '@gw/control-plane'
import { createGatewayMetrics } from '@gw/otel'
import { type MockProvider, startMockProvider } from '@gw/providers/mock'
import { loadGatewayConfig } from '../config.js'
import { startGateway } from '../server/start-gateway.js'
import { createGatewayServices, type GatewayServices } from '../v1/gateway-services.js'
import { createV1Routes } from '../v1/mount-v1-routes.js'
import { type CapturedLogs, captureLogs } from './capture-logs.js'
import type { TestGateway } from './start-test-gateway.js'

/** A running stack. */
export interface TestStack {
  gateway: TestGateway
  services: GatewayServices
  controlPlane: RunningControlPlane
  mock: MockProvider
  admin: AdminClient
  /** Ids of the demo tenant. */
  organizationId: string
  projectId: string
  providers: { openai: string; anthropic: string }
  /** Mints a key with `config` (key config fields of the admin API). */
  createKey(
    config?: Record<string, unknown>,
    extra?: Record<string, unknown>,
  ): Promise<{ id: string; key: string }>
  /** Adds a provider credential to the demo project. */
  addProvider(body: Record<string, unknown>): Promise<string>
  close(): Promise<void>
}

/** Options of {@link startStack}. */
export interface StartStackOptions {
  /** Extra gateway variables. */
  gatewayEnv?: Record<string, string>
  /** Options of the mock provider. */
  mock?: Parameters<typeof startMockProvider>[0]
}

interface Identified {
  id: string
}

/** Starts the stack; close it in afterAll. */
export async function startStack(options: StartStackOptions = {}): Promise<TestStack> {
  const secrets = generateControlPlaneSecrets()
  const mock = await startMockProvider({ ...options.mock })
  const controlPlane = await startControlPlane(
    loadControlPlaneConfig({
      ...secrets,
      CONTROL_PLANE_ADDR: '127.0.0.1:0',
      CONTROL_PLANE_DATA_DIR: 'memory://',
      LOG_LEVEL: 'error',
    }),
  )
  const { config } = loadGatewayConfig({
    ENVIRONMENT: 'test',
    SERVER_ADDR: '127.0.0.1:0',
    SERVER_DRAIN_DELAY_SECONDS: '0',
    LW_GATEWAY_BASE_URL: controlPlane.url,
    LW_GATEWAY_INTERNAL_SECRET: secrets.LW_GATEWAY_INTERNAL_SECRET,
    LW_GATEWAY_JWT_SECRET: secrets.LW_GATEWAY_JWT_SECRET,
    ...options.gatewayEnv,
  })
  const logs: CapturedLogs = captureLogs()
  const metrics = createGatewayMetrics()
  const services = createGatewayServices(config, { logger: logs.logger, metrics })
  const running = await startGateway(config, {
    logger: logs.logger,
    metrics,
    routes: createV1Routes(services),
  })
  const gateway = Object.assign(running, { logs })

  const admin = createAdminClient({ url: controlPlane.url, token: secrets.CONTROL_PLANE_ADMIN_TOKEN })
  const org = await admin.request<Identified>('POST', '/organizations', { name: 'Test', slug: 'test' })
  const project = await admin.request<Identified>('POST', '/projects', {
    organization_id: org.id,
    name: 'test',
  })
  const addProvider = async (body: Record<string, unknown>) =>
    (await admin.request<Identified>('POST', '/provider-credentials', { project_id: project.id, ...body })).id
  const openai = await addProvider({
    type: 'openai',
    name: 'openai-mock',
    credentials: { api_key: 'sk-mock-openai' },
    base_url: `${mock.url}/v1`,
  })
  const anthropic = await addProvider({
    type: 'anthropic',
    name: 'anthropic-mock',
    credentials: { api_key: 'sk-ant-mock' },
    base_url: mock.url,
  })

  return {
    gateway,
    services,
    controlPlane,
    mock,
    admin,
    organizationId: org.id,
    projectId: project.id,
    providers: { openai, anthropic },
    async createKey(keyConfig = {}, extra = {}) {
      const issued = await admin.request<{ key: string; virtual_key: Identified }>('POST', '/virtual-keys', {
        project_id: project.id,
        name: `key-${Math.random().toString(36).slice(2, 8)}`,
        config: keyConfig,
        ...extra,
      })
      return { id: issued.virtual_key.id, key: issued.key }
    },
    addProvider,
    async close() {
      await gateway.close()
      await services.close()
      await controlPlane.close()
      await mock.close()
    },
  }
}
