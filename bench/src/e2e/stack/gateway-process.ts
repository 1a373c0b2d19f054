// Runs the gateway as a child process pinned to the SUT core and times spawn → /startupz 200.
import { performance } from 'node:perf_hooks'
import { request } from 'undici'
import { type ChildHandle, type Pinning, spawnChild } from '../processes.js'
import type { Outcome } from '../report.js'
import { findFreePort } from './free-port.js'
import { findGatewayEntry, type GatewayStartMode } from './gateway-entry.js'
import type { StackSecrets } from './secrets.js'

/** A running gateway and how long it took to become ready. */
export interface GatewayProcess {
  url: string
  handle: ChildHandle
  startupMs: number
}

/** Options for {@link startGatewayProcess}. */
export interface GatewayProcessOptions {
  controlPlaneUrl: string
  secrets: StackSecrets
  pinning: Pinning
  core: number
  /** LOG_LEVEL of the gateway. */
  logLevel: string
  /** Source (default) or built entry. */
  mode?: GatewayStartMode
  /** Extra variables (e.g. the bootstrap pull). */
  env?: Record<string, string>
}

const startupTimeoutMs = 30_000

async function isReady(url: string): Promise<boolean> {
  try {
    const response = await request(`${url}/startupz`, { headersTimeout: 1_000, bodyTimeout: 1_000 })
    await response.body.dump()
    return response.statusCode === 200
  } catch {
    return false
  }
}

/**
 * Spawns the gateway's own entry and polls `/startupz` every 5 ms until it answers 200; not ok
 * (skipped) while the entry does not exist.
 *
 * @example
 * const gateway = await startGatewayProcess({ controlPlaneUrl, secrets, pinning, core: 1, logLevel: 'warn' })
 */
export async function startGatewayProcess(options: GatewayProcessOptions): Promise<Outcome<GatewayProcess>> {
  const mode = options.mode ?? 'source'
  const entry = findGatewayEntry(mode)
  if (entry === undefined) {
    return {
      ok: false,
      reason: `skipped: @gw/gateway has no ${mode === 'source' ? 'src/main.ts' : 'dist/main.js'} entry yet`,
    }
  }
  const port = await findFreePort()
  const url = `http://127.0.0.1:${port}`
  const spawnedAt = performance.now()
  const handle = spawnChild({
    name: 'gateway',
    command: process.execPath,
    args: entry.args,
    env: {
      ENVIRONMENT: 'bench',
      SERVER_ADDR: `127.0.0.1:${port}`,
      SERVER_DRAIN_DELAY_SECONDS: '0',
      LW_GATEWAY_BASE_URL: options.controlPlaneUrl,
      LW_GATEWAY_INTERNAL_SECRET: options.secrets.internalSecret,
      LW_GATEWAY_JWT_SECRET: options.secrets.jwtSecret,
      LW_GATEWAY_NODE_ID: 'bench-gateway',
      LOG_LEVEL: options.logLevel,
      ...options.env,
    },
    core: options.core,
    pinning: options.pinning,
  })
  while (performance.now() - spawnedAt < startupTimeoutMs && !handle.hasExited()) {
    if (await isReady(url)) {
      return { ok: true, value: { url, handle, startupMs: performance.now() - spawnedAt } }
    }
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
  await handle.stop()
  throw new Error(`gateway not ready on ${url}/startupz within ${startupTimeoutMs} ms:\n${handle.tail()}`)
}
