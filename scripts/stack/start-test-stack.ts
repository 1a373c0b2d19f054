// Test helper: runs `node scripts/start-stack.mjs` (what `pnpm start` runs after its build) on
// free loopback ports with its own data directory, and stops it with SIGINT like a Ctrl-C.
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export const repositoryRoot = new URL('../..', import.meta.url).pathname

/** A running stack. */
export interface TestStack {
  dataDir: string
  ports: { mock: number; controlPlane: number; gateway: number }
  /** The variables that point `pnpm start`, `pnpm gw-cp` and the README examples at this stack. */
  env: Record<string, string>
  /** The demo key printed at start. */
  key: string
  /** Everything printed so far (stdout and stderr). */
  output: () => string
  /** SIGINT, then resolves with the exit code once the script has stopped its children. */
  stop: () => Promise<number | null>
}

/** Options of {@link startTestStack}. */
export interface StartTestStackOptions {
  /** Reuse a data directory (a restart); default a new temporary one. */
  dataDir?: string
  ports?: TestStack['ports']
  args?: string[]
}

/**
 * @example
 * const stack = await startTestStack()
 * await fetch(`http://127.0.0.1:${stack.ports.gateway}/healthz`)
 * await stack.stop()
 */
export async function startTestStack(options: StartTestStackOptions = {}): Promise<TestStack> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'gw-stack-'))
  const ports = options.ports ?? {
    mock: await freePort(),
    controlPlane: await freePort(),
    gateway: await freePort(),
  }
  const env = {
    GW_DATA_DIR: dataDir,
    MOCK_PORT: String(ports.mock),
    CONTROL_PLANE_PORT: String(ports.controlPlane),
    GATEWAY_PORT: String(ports.gateway),
  }
  const child = spawn(
    process.execPath,
    [join(repositoryRoot, 'scripts/start-stack.mjs'), ...(options.args ?? [])],
    {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let output = ''
  child.stdout.on('data', (chunk) => {
    output += chunk
  })
  child.stderr.on('data', (chunk) => {
    output += chunk
  })
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  await waitForText(
    () => output,
    'Ctrl-C stops everything.',
    () => child.exitCode !== null,
  )
  const key = /demo key\s+(lw_vk_live_\S+)/.exec(output)?.[1]
  if (key === undefined) {
    await stopChild(child, exited)
    throw new Error(`pnpm start did not print a demo key:\n${output}`)
  }
  return { dataDir, ports, env, key, output: () => output, stop: () => stopChild(child, exited) }
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<number | null> {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT')
  return exited
}

async function waitForText(read: () => string, text: string, ended: () => boolean): Promise<void> {
  const deadline = Date.now() + 90_000
  while (!read().includes(text) && !ended()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for "${text}":\n${read()}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/** A port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0))
    })
  })
}
