// Test helper: the whole stack in-process on loopback — mock provider, control plane (PGlite in
// memory) behind a counting proxy, gateway with the real /v1 routes — plus an admin client to mint keys.

import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  type AdminClient,
  type ControlPlaneSecrets,
  createAdminClient,
  generateControlPlaneSecrets,
  loadControlPlaneConfig,
  type RunningControlPlane,
  startControlPlane,
} from '@gw/control-plane'
import { type MockProvider, startMockProvider } from '@gw/mock-provider'
import { createGatewayMetrics } from '@gw/otel'
import { vi } from 'vitest'
import { loadGatewayConfig } from '../config.js'
import { startGateway } from '../server/start-gateway.js'
import { createGatewayServices, type GatewayServices } from '../v1/gateway-services.js'
import { createV1Routes } from '../v1/mount-v1-routes.js'
import { type CapturedLogs, captureLogs } from './capture-logs.js'
import { type ControlPlaneProxy, startControlPlaneProxy } from './control-plane-proxy.js'
import type { TestGateway } from './start-test-gateway.js'

/** A project of the demo organisation with an OpenAI and an Anthropic credential on the mock. */
export interface TestProject {
  projectId: string
  /** Provider credential ids. */
  providers: { openai: string; anthropic: string }
  /** Mints a key in this project with `config` (key config fields of the admin API). */
  createKey(
    config?: Record<string, unknown>,
    extra?: Record<string, unknown>,
  ): Promise<{ id: string; key: string }>
  /** Adds a provider credential to this project; returns its id. */
  addProvider(body: Record<string, unknown>): Promise<string>
}

/** A gateway of the stack with its services. */
export interface StackGateway {
  gateway: TestGateway
  services: GatewayServices
  /**
   * Resolves a throwaway key so the organisation's change feed starts (from that key's
   * revision, so nothing is replayed). Call it before a test that needs the feed running.
   */
  catchUpChangeFeed(): Promise<void>
  close(): Promise<void>
}

/** A running stack: its main gateway, and the default project's fields. */
export interface TestStack extends TestProject, StackGateway {
  controlPlane: RunningControlPlane
  /** What the gateways call instead of the control plane: counts calls, can play "down". */
  controlPlaneProxy: ControlPlaneProxy
  /** The secrets the control plane runs with (the gateway shares the internal and JWT ones). */
  secrets: ControlPlaneSecrets
  mock: MockProvider
  admin: AdminClient
  organizationId: string
  /** Another project with its own credentials (own breakers, own ids). */
  createProject(): Promise<TestProject>
  /** Starts one more gateway on the same control plane; `env` is added to the default variables. */
  startGateway(env?: Record<string, string>): Promise<StackGateway>
  close(): Promise<void>
}

/** Options of {@link startStack}. */
export interface StartStackOptions {
  /** Extra gateway variables. */
  gatewayEnv?: Record<string, string>
  /** Extra control-plane variables (e.g. `CONTROL_PLANE_BUNDLE_TTL`). */
  controlPlaneEnv?: Record<string, string>
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
      ...options.controlPlaneEnv,
    }),
  )
  const controlPlaneProxy = await startControlPlaneProxy(controlPlane.url)
  const extraGateways = new Set<StackGateway>()

  const admin = createAdminClient({ url: controlPlane.url, token: secrets.CONTROL_PLANE_ADMIN_TOKEN })
  const org = await admin.request<Identified>('POST', '/organizations', { name: 'Test', slug: 'test' })

  const createProject = async (): Promise<TestProject> => {
    const project = await admin.request<Identified>('POST', '/projects', {
      organization_id: org.id,
      name: `project-${Math.random().toString(36).slice(2, 8)}`,
    })
    const addProvider = async (body: Record<string, unknown>) =>
      (await admin.request<Identified>('POST', '/provider-credentials', { project_id: project.id, ...body }))
        .id
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
      projectId: project.id,
      providers: { openai, anthropic },
      async createKey(keyConfig = {}, extra = {}) {
        const issued = await admin.request<{ key: string; virtual_key: Identified }>(
          'POST',
          '/virtual-keys',
          {
            project_id: project.id,
            name: `key-${Math.random().toString(36).slice(2, 8)}`,
            config: keyConfig,
            ...extra,
          },
        )
        return { id: issued.virtual_key.id, key: issued.key }
      },
      addProvider,
    }
  }
  const defaultProject = await createProject()

  const launchGateway = async (env: Record<string, string> = {}): Promise<StackGateway> => {
    const { config } = loadGatewayConfig({
      ENVIRONMENT: 'test',
      SERVER_ADDR: '127.0.0.1:0',
      SERVER_DRAIN_DELAY_SECONDS: '0',
      LW_GATEWAY_BASE_URL: controlPlaneProxy.url,
      LW_GATEWAY_INTERNAL_SECRET: secrets.LW_GATEWAY_INTERNAL_SECRET,
      LW_GATEWAY_JWT_SECRET: secrets.LW_GATEWAY_JWT_SECRET,
      GATEWAY_SPEND_SPOOL_DIR: mkdtempSync(join(tmpdir(), 'gw-test-spool-')),
      ...env,
    })
    const logs: CapturedLogs = captureLogs()
    const metrics = createGatewayMetrics()
    const services = createGatewayServices(config, { logger: logs.logger, metrics })
    const running = await startGateway(config, {
      logger: logs.logger,
      metrics,
      routes: createV1Routes(services),
      beforeReady: () => services.warmUp(),
    })
    const gateway = Object.assign(running, { logs })
    let closing: Promise<void> | undefined
    return {
      gateway,
      services,
      async catchUpChangeFeed() {
        const response = await fetch(`${gateway.url}/v1/models`, {
          headers: { authorization: `Bearer ${(await defaultProject.createKey()).key}` },
        })
        if (response.status !== 200)
          throw new Error(`catchUpChangeFeed: GET /v1/models answered ${response.status}`)
        await vi.waitFor(() => {
          if (services.feed.organizations.size === 0) throw new Error('change feed not started yet')
        })
      },
      close() {
        closing ??= gateway.close().then(() => services.close())
        return closing
      },
    }
  }

  const main = await launchGateway(options.gatewayEnv)

  return {
    ...defaultProject,
    gateway: main.gateway,
    services: main.services,
    catchUpChangeFeed: main.catchUpChangeFeed,
    controlPlane,
    controlPlaneProxy,
    secrets,
    mock,
    admin,
    organizationId: org.id,
    createProject,
    async startGateway(env) {
      const extra = await launchGateway(env)
      extraGateways.add(extra)
      return extra
    },
    async close() {
      await Promise.all([main, ...extraGateways].map((each) => each.close()))
      await controlPlaneProxy.close()
      // The control plane closes its database without waiting for the long polls it just cut,
      // whose handlers run one more query on wake-up: give them a moment to finish first.
      await new Promise((resolve) => setTimeout(resolve, 100))
      await controlPlane.close()
      await mock.close()
    },
  }
}
