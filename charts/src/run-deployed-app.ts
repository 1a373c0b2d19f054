// Runs an app from its `pnpm deploy` folder the way its image does (ENTRYPOINT + CMD), as an unprivileged user.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import type { DockerStage } from './dockerfile-rules.js'

/** The uid and gid the images run as (distroless `nonroot`). */
export const imageUser = 65532

/**
 * Why apps cannot be started as uid 65532 here, or undefined when they can (root with setpriv).
 *
 * @example
 * it.skipIf(unprivilegedRunMissing())('…', () => {})
 */
export function unprivilegedRunMissing(): string | undefined {
  if (process.getuid?.() !== 0) return 'not root: cannot switch to uid 65532'
  if (spawnSync('setpriv', ['--version']).status !== 0) return 'setpriv (util-linux) not found'
  return undefined
}

/**
 * The stage's command line with tini dropped and the image's Node replaced by this one.
 *
 * @example
 * imageCommand(stage) // ['/usr/bin/node', '--max-semi-space-size=8', '--single-threaded-gc', 'dist/main.js']
 */
export function imageCommand(stage: DockerStage): string[] {
  const json = (keyword: string) =>
    JSON.parse(stage.instructions.find((each) => each.keyword === keyword)?.args ?? '[]') as string[]
  const entrypoint = json('ENTRYPOINT')
  const afterInit = entrypoint.includes('--') ? entrypoint.slice(entrypoint.indexOf('--') + 1) : entrypoint
  return [...afterInit, ...json('CMD')].map((word) => (word === '/nodejs/bin/node' ? process.execPath : word))
}

/** A running app and its JSON log lines. */
export interface DeployedApp {
  child: ChildProcess
  logs: Record<string, unknown>[]
  output: () => string
  /** Resolves with the first log line whose `msg` is `message`. */
  waitForLog(message: string, timeoutMs?: number): Promise<Record<string, unknown>>
  exited: Promise<number | string>
}

/**
 * Starts `command` in `cwd` as uid/gid 65532 with only `env` (plus PATH).
 *
 * @example
 * const app = runAsImageUser(['/usr/bin/node', 'dist/main.js'], folder, { SERVER_ADDR: '127.0.0.1:0' })
 */
export function runAsImageUser(command: string[], cwd: string, env: Record<string, string>): DeployedApp {
  const user = String(imageUser)
  const child = spawn('setpriv', [`--reuid=${user}`, `--regid=${user}`, '--clear-groups', '--', ...command], {
    cwd,
    env: { PATH: '/usr/bin:/bin', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const logs: Record<string, unknown>[] = []
  let output = ''
  let pending = ''
  child.stderr!.on('data', (chunk: Buffer) => {
    output += chunk.toString()
  })
  child.stdout!.on('data', (chunk: Buffer) => {
    output += chunk.toString()
    pending += chunk.toString()
    const lines = pending.split('\n')
    pending = lines.pop() ?? ''
    for (const line of lines.filter((each) => each.startsWith('{'))) logs.push(JSON.parse(line))
  })
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'))
  })
  return {
    child,
    logs,
    output: () => output,
    exited,
    async waitForLog(message, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs
      while (Date.now() < deadline) {
        const found = logs.find((line) => line.msg === message)
        if (found) return found
        if (child.exitCode !== null) break
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
      throw new Error(`no "${message}" log within ${timeoutMs}ms; output:\n${output}`)
    },
  }
}
