// The gateway under test with a real control plane (in-memory PGlite) and a real virtual key,
// plus its start-up measurement. Reports "skipped" while the apps cannot start yet.
import type { Target } from './measure-target.js'
import type { Pinning } from './processes.js'
import type { Outcome, StartupResult } from './report.js'
import { type AdminClient, createAdminClient } from './stack/admin-client.js'
import { type ControlPlaneProcess, startControlPlaneProcess } from './stack/control-plane-process.js'
import { findGatewayEntry, type GatewayStartMode } from './stack/gateway-entry.js'
import { startGatewayProcess } from './stack/gateway-process.js'
import { createStackSecrets, type StackSecrets } from './stack/secrets.js'

/** Where things run and what they talk to. */
export interface GatewayStackOptions {
  upstreamUrl: string
  pinning: Pinning
  /** Core of the load generator; the control plane shares it (it only serves cache misses). */
  loadCore: number
  /** Core of the gateway. */
  systemCore: number
  /** LOG_LEVEL of the gateway (`warn` keeps the per-request access line out of the measurement). */
  logLevel: string
  /** How the gateway under load and in the cold start is started. */
  mode: GatewayStartMode
  /** Whether start-up is also measured from the built entry (it exists and is fresh, or was asked for). */
  measureBuiltStartup: boolean
  /** `--quick`: start-up from source is skipped when the built entry is measured. */
  quick?: boolean
  log: (line: string) => void
}

/** A control plane with one tenant routed to the upstream and one key, shared by the gateway runs. */
export interface ControlPlaneStack {
  controlPlane: ControlPlaneProcess
  secrets: StackSecrets
  admin: AdminClient
  projectId: string
  /** A key created through the admin API (raw, in memory only). */
  key: string
  stop(): Promise<void>
}

/** A running gateway target. */
export interface GatewayTarget {
  target: Target
  stop(): Promise<void>
}

/**
 * Starts the control plane child with fresh secrets and creates the tenant and a key through
 * its admin API; not ok (skipped) while the control plane cannot start.
 *
 * @example
 * const stack = await startControlPlaneStack(options)
 */
export async function startControlPlaneStack(
  options: GatewayStackOptions,
): Promise<Outcome<ControlPlaneStack>> {
  const secrets = createStackSecrets()
  const controlPlane = await startControlPlaneProcess({
    secrets,
    pinning: options.pinning,
    core: options.loadCore,
  })
  if (!controlPlane.ok) return controlPlane
  const admin = createAdminClient({ controlPlaneUrl: controlPlane.value.url, adminToken: secrets.adminToken })
  const stop = async () => {
    await admin.close()
    await controlPlane.value.handle.stop()
  }
  try {
    const tenant = await admin.createTenant(options.upstreamUrl)
    const key = await admin.createKey(tenant.projectId)
    return {
      ok: true,
      value: { controlPlane: controlPlane.value, secrets, admin, projectId: tenant.projectId, key, stop },
    }
  } catch (error) {
    await stop()
    throw error
  }
}

/**
 * Starts the gateway against the stack; the target carries the stack's key as Authorization.
 *
 * @example
 * const gateway = await startGatewayTarget(stack, options)
 * if (gateway.ok) await measureTarget(gateway.value.target, context)
 */
export async function startGatewayTarget(
  stack: ControlPlaneStack,
  options: GatewayStackOptions,
): Promise<Outcome<GatewayTarget>> {
  const gateway = await startGatewayProcess({
    controlPlaneUrl: stack.controlPlane.url,
    secrets: stack.secrets,
    pinning: options.pinning,
    core: options.systemCore,
    logLevel: options.logLevel,
    mode: options.mode,
  })
  if (!gateway.ok) return gateway
  options.log(`gateway ready in ${gateway.value.startupMs.toFixed(0)} ms`)
  return {
    ok: true,
    value: {
      target: {
        label: 'gateway',
        url: `${gateway.value.url}/v1/chat/completions`,
        pid: gateway.value.handle.pid,
        authorization: `Bearer ${stack.key}`,
        process: gateway.value.handle,
      },
      stop: () => gateway.value.handle.stop(),
    },
  }
}

// Port 9 (discard) on loopback: nothing listens there in a bench environment.
const closedPortUrl = 'http://127.0.0.1:9'

/**
 * Spawns the gateway `runs` times per start mode (source, and built when asked for)
 * and records spawn → `/startupz` 200 each time. Without a control plane, LW_GATEWAY_BASE_URL
 * points at a closed loopback port (the gateway does not call the control plane while starting).
 *
 * @example
 * const startup = await measureStartup(stack.ok ? stack.value : undefined, options, 5)
 */
export async function measureStartup(
  stack: ControlPlaneStack | undefined,
  options: GatewayStackOptions,
  runs: number,
): Promise<Outcome<StartupResult[]>> {
  // With a usable build, --quick times the built entry only (what production runs; source start-up
  // through tsx takes several times longer and is timed by the full run).
  const modes = (['source', 'built'] as const).filter(
    (mode) =>
      findGatewayEntry(mode) !== undefined &&
      (mode === 'built' ? options.measureBuiltStartup : !(options.quick && options.measureBuiltStartup)),
  )
  if (modes.length === 0) return { ok: false, reason: 'skipped: @gw/gateway has no src/main.ts entry yet' }
  const secrets = stack?.secrets ?? createStackSecrets()
  const results: StartupResult[] = []
  for (const mode of modes) {
    const runsMs: number[] = []
    for (let run = 0; run < runs; run++) {
      const gateway = await startGatewayProcess({
        controlPlaneUrl: stack?.controlPlane.url ?? closedPortUrl,
        secrets,
        pinning: options.pinning,
        core: options.systemCore,
        logLevel: options.logLevel,
        mode,
      })
      if (!gateway.ok) return gateway
      runsMs.push(gateway.value.startupMs)
      await gateway.value.handle.stop()
    }
    options.log(`start-up (${mode}): ${runsMs.map((ms) => ms.toFixed(0)).join(', ')} ms`)
    const description = findGatewayEntry(mode)?.description ?? mode
    results.push({ runsMs, mode, description: `${description}${stack ? '' : ', no control plane running'}` })
  }
  return { ok: true, value: results }
}
