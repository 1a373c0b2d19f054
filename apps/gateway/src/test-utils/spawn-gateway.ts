// Test helper: runs a gateway entry in a child process (tsx, workspace sources) and reads its logs.
import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const packageRoot = fileURLToPath(new URL('../..', import.meta.url))

/** A spawned gateway process and what it printed. */
export interface SpawnedGateway {
  child: ChildProcess
  /** Parsed JSON log lines from stdout. */
  logs: Record<string, unknown>[]
  stderr: () => string
  /** Resolves with the first log line whose `msg` is `message`. */
  waitForLog(message: string, timeoutMs?: number): Promise<Record<string, unknown>>
  /** Resolves with the exit code (or the signal name). */
  exited: Promise<number | string>
}

/** Spawns `entry` (relative to the package root) with `env` added to a minimal environment. */
export function spawnGateway(
  entry: string,
  env: Record<string, string>,
  args: string[] = [],
): SpawnedGateway {
  const child = spawn(process.execPath, ['--conditions=gw-source', '--import', 'tsx', entry, ...args], {
    cwd: packageRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const logs: Record<string, unknown>[] = []
  const waiters: { message: string; resolve: (line: Record<string, unknown>) => void }[] = []
  let pending = ''
  let stderr = ''
  child.stdout!.on('data', (chunk: Buffer) => {
    pending += chunk.toString()
    const lines = pending.split('\n')
    pending = lines.pop() ?? ''
    for (const text of lines.filter(Boolean)) {
      const line = JSON.parse(text) as Record<string, unknown>
      logs.push(line)
      for (const waiter of waiters.filter((each) => each.message === line.msg)) waiter.resolve(line)
    }
  })
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
  })
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'))
  })
  return {
    child,
    logs,
    stderr: () => stderr,
    exited,
    waitForLog(message, timeoutMs = 20_000) {
      const found = logs.find((line) => line.msg === message)
      if (found !== undefined) return Promise.resolve(found)
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no "${message}" log within ${timeoutMs}ms; stderr: ${stderr}`)),
          timeoutMs,
        )
        waiters.push({
          message,
          resolve: (line) => {
            clearTimeout(timer)
            resolve(line)
          },
        })
      })
    },
  }
}
