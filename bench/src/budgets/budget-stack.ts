// The stack of `bench:budgets`: control plane and mock upstream in this process, gateways as children.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { createConnection, createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { createAdminClient, generateControlPlaneSecrets } from '@gw/control-plane'
import { detectPinning, type Pinning, pinSelf } from '../e2e/processes.js'
import { shebangNodeFlags } from '../e2e/stack/gateway-entry.js'

/** A child process we started, with how to stop it. */
export interface Child {
  pid: number
  url: string
  stop(): Promise<void>
}

/** The running stack: two keys (no governance, three budgets + rate limits) and how to start gateways. */
export interface BudgetStack {
  /** off: no governance; rl: RPM/RPD/TPM only; one: one budget only; on: 3 budgets + RPM/RPD/TPM. */
  keys: { off: string; rl: string; one: string; on: string }
  /** Whether the gateway runs alone on core 1 (everything else on core 0). */
  pinning: Pinning
  /** The control plane's process (its ledger ingest runs there). */
  controlPlanePid: number
  startGateway(env?: Record<string, string>): Promise<Child>
  /** A redis-server on a free port, or the reason there is none. */
  startRedis(): Promise<Child | string>
  close(): Promise<void>
}

const gatewayEntry = fileURLToPath(new URL('../../../apps/gateway/dist/main.js', import.meta.url))
// The e2e bench's child entries: each prints `BENCH_READY url=…` once listening.
const controlPlaneEntry = fileURLToPath(new URL('../e2e/sut/control-plane-main.ts', import.meta.url))
const mockEntry = fileURLToPath(new URL('../e2e/sut/mock-upstream.ts', import.meta.url))

/** Spawns a TypeScript entry from source (as this bench runs) and waits for its ready line. */
async function spawnReady(
  entry: string,
  env: Record<string, string | undefined>,
): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--conditions=gw-source', '--import=tsx', entry], {
    env: { PATH: process.env.PATH, ...env },
    stdio: ['pipe', 'pipe', 'inherit'],
  })
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! })
    lines.on('line', (line) => {
      const match = /^BENCH_READY url=(\S+)/.exec(line)
      if (match?.[1] !== undefined) resolve(match[1])
    })
    child.once('exit', (code) => reject(new Error(`${entry} exited with ${code}`)))
  })
  return { child, url }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0))
    })
  })
}

async function waitFor(check: () => Promise<boolean>, child: ChildProcess, what: string): Promise<void> {
  const deadline = Date.now() + 30_000
  while (Date.now() < deadline && child.exitCode === null) {
    if (await check().catch(() => false)) return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`${what} did not become ready`)
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
    setTimeout(() => child.kill('SIGKILL'), 5_000).unref()
  })
}

/**
 * Starts the control plane (in-memory PGlite) and the mock upstream as children, and creates the two keys:
 * `off` in an organization without budgets, `on` under organization, project and key budgets
 * (limits far above a run's spend) with RPM/RPD/TPM limits far above its rate.
 *
 * @example
 * const stack = await startBudgetStack(); const gateway = await stack.startGateway()
 */
export async function startBudgetStack(): Promise<BudgetStack> {
  const secrets = generateControlPlaneSecrets()
  const children = new Set<ChildProcess>()
  const pinning = detectPinning()
  pinSelf(pinning, 0)
  // Control plane and upstream in their own processes: the ledger's ingest of spend records
  // must not slow the load generator.
  const mock = await spawnReady(mockEntry, {})
  children.add(mock.child)
  const controlPlane = await spawnReady(controlPlaneEntry, {
    ...secrets,
    CONTROL_PLANE_ADDR: '127.0.0.1:0',
    CONTROL_PLANE_DATA_DIR: 'memory://',
    LOG_LEVEL: 'error',
  })
  children.add(controlPlane.child)
  const admin = createAdminClient({ url: controlPlane.url, token: secrets.CONTROL_PLANE_ADMIN_TOKEN })
  const tenant = async (slug: string) => {
    const org = await admin.request<{ id: string }>('POST', '/organizations', { name: slug, slug })
    const project = await admin.request<{ id: string }>('POST', '/projects', {
      organization_id: org.id,
      name: 'bench',
    })
    await admin.request('POST', '/provider-credentials', {
      project_id: project.id,
      type: 'openai',
      name: 'openai-mock',
      credentials: { api_key: 'sk-mock-openai' },
      base_url: `${mock.url}/v1`,
    })
    return { org: org.id, project: project.id }
  }
  const key = (projectId: string, config: Record<string, unknown>) =>
    admin.request<{ key: string; virtual_key: { id: string } }>('POST', '/virtual-keys', {
      project_id: projectId,
      name: 'bench',
      config,
    })
  const plain = await tenant('bench-off')
  const governed = await tenant('bench-on')
  const off = await key(plain.project, {})
  const rl = await key(plain.project, { rate_limits: { rpm: 10_000_000, rpd: 100_000_000, tpm: 1e12 } })
  const single = await tenant('bench-one')
  const one = await key(single.project, {})
  await admin.request('POST', '/budgets', {
    scope: 'virtual_key',
    scope_id: one.virtual_key.id,
    window: 'month',
    limit_usd: 1_000_000,
  })
  const on = await key(governed.project, { rate_limits: { rpm: 10_000_000, rpd: 100_000_000, tpm: 1e12 } })
  for (const [scope, scopeId] of [
    ['organization', governed.org],
    ['project', governed.project],
    ['virtual_key', on.virtual_key.id],
  ] as const) {
    await admin.request('POST', '/budgets', {
      scope,
      scope_id: scopeId,
      window: 'month',
      limit_usd: 1_000_000,
    })
  }
  return {
    keys: { off: off.key, rl: rl.key, one: one.key, on: on.key },
    pinning,
    controlPlanePid: controlPlane.child.pid ?? 0,
    async startGateway(env = {}) {
      const port = await freePort()
      // The gateway alone on core 1; this process (load), the control plane, mock and Redis on core 0.
      const command = pinning.enabled ? 'taskset' : process.execPath
      // With the flags of the entry's shebang, as the `gw-gateway` bin runs it.
      const node = [...shebangNodeFlags(gatewayEntry), gatewayEntry]
      const args = pinning.enabled ? ['-c', '1', process.execPath, ...node] : node
      const child = spawn(command, args, {
        env: {
          PATH: process.env.PATH,
          ENVIRONMENT: 'bench',
          SERVER_ADDR: `127.0.0.1:${port}`,
          SERVER_DRAIN_DELAY_SECONDS: '0',
          LW_GATEWAY_BASE_URL: controlPlane.url,
          LW_GATEWAY_INTERNAL_SECRET: secrets.LW_GATEWAY_INTERNAL_SECRET,
          LW_GATEWAY_JWT_SECRET: secrets.LW_GATEWAY_JWT_SECRET,
          GATEWAY_SPEND_SPOOL_DIR: mkdtempSync(join(tmpdir(), 'bench-budgets-spool-')),
          LOG_LEVEL: 'warn',
          ...env,
        },
        stdio: ['ignore', 'ignore', 'inherit'],
      })
      children.add(child)
      const url = `http://127.0.0.1:${port}`
      await waitFor(async () => (await fetch(`${url}/startupz`)).status === 200, child, 'gateway')
      return { pid: child.pid ?? 0, url, stop: () => stopChild(child) }
    },
    async startRedis() {
      try {
        execFileSync('redis-server', ['--version'], { stdio: 'ignore' })
      } catch {
        return 'redis-server is not installed'
      }
      const port = await freePort()
      const child = spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        {
          stdio: 'ignore',
        },
      )
      children.add(child)
      await waitFor(
        () =>
          new Promise<boolean>((resolve) => {
            const socket = createConnection({ host: '127.0.0.1', port })
            socket.once('connect', () => {
              socket.destroy()
              resolve(true)
            })
            socket.once('error', () => resolve(false))
          }),
        child,
        'redis-server',
      )
      return { pid: child.pid ?? 0, url: `redis://127.0.0.1:${port}`, stop: () => stopChild(child) }
    },
    async close() {
      for (const child of children) await stopChild(child)
    },
  }
}
