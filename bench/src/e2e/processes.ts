// Child processes of the e2e run: spawned pinned to a core, announced on stdout, always cleaned up.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { availableParallelism } from 'node:os'

/** How processes are placed on cores for this run. */
export interface Pinning {
  enabled: boolean
  /** Why pinning is off, when it is. */
  reason?: string
}

const tasksetPath = ['/usr/bin/taskset', '/bin/taskset'].find((path) => existsSync(path))

/**
 * Decides whether to pin: needs `taskset` and at least 2 cores.
 *
 * @example
 * const pinning = detectPinning()
 */
export function detectPinning(): Pinning {
  if (tasksetPath === undefined) return { enabled: false, reason: 'taskset not found' }
  if (availableParallelism() < 2) return { enabled: false, reason: 'fewer than 2 cores' }
  return { enabled: true }
}

/**
 * Pins this process and all its threads to `core` (the load generator's core).
 *
 * @example
 * pinSelf(detectPinning(), 0)
 */
export function pinSelf(pinning: Pinning, core: number): void {
  if (!pinning.enabled || tasksetPath === undefined) return
  execFileSync(tasksetPath, ['-a', '-cp', String(core), String(process.pid)], { stdio: 'ignore' })
}

/** A running child with its output kept for diagnostics. */
export interface ChildHandle {
  name: string
  pid: number
  /** Resolves with the first stdout/stderr line matching `pattern`; rejects on exit or timeout. */
  waitForLine(pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray>
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the process has exited. */
  stop(graceMs?: number): Promise<void>
  /** The last lines of output (for error messages). */
  tail(): string
  /** True once the process has exited. */
  hasExited(): boolean
  /** Writes one line to the child's stdin (only when spawned with `stdin: true`). */
  send(line: string): void
}

/** Options for {@link spawnChild}. */
export interface SpawnOptions {
  name: string
  command: string
  args: readonly string[]
  env?: NodeJS.ProcessEnv
  /** Core to pin to when pinning is enabled. */
  core?: number
  pinning: Pinning
  cwd?: string
  /** Keep a pipe to the child's stdin for {@link ChildHandle.send}. Default false. */
  stdin?: boolean
}

const running = new Set<ChildProcess>()
const maxTailLines = 40

/** Node arguments that run a TypeScript entry from source, like the package scripts do. */
export const nodeSourceArgs = ['--conditions=gw-source', '--import=tsx'] as const

/**
 * Spawns a child (through `taskset -c <core>` when pinning), tracked for cleanup at exit.
 *
 * @example
 * const proxy = spawnChild({ name: 'baseline', command: process.execPath, args: [...nodeSourceArgs, file], core: 1, pinning })
 * const [, port] = await proxy.waitForLine(/BENCH_READY port=(\d+)/, 10_000)
 */
export function spawnChild(options: SpawnOptions): ChildHandle {
  const pinned = options.pinning.enabled && tasksetPath !== undefined && options.core !== undefined
  const command = pinned ? (tasksetPath as string) : options.command
  const args = pinned ? ['-c', String(options.core), options.command, ...options.args] : [...options.args]
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: [options.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
  })
  running.add(child)
  const lines: string[] = []
  const listeners = new Set<(line: string) => void>()
  let exited = false
  const exitListeners = new Set<() => void>()
  const onData = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (line === '') continue
      lines.push(line)
      if (lines.length > maxTailLines) lines.shift()
      for (const listener of listeners) listener(line)
    }
  }
  child.stdout?.on('data', onData)
  child.stderr?.on('data', onData)
  const markExited = () => {
    if (exited) return
    exited = true
    running.delete(child)
    for (const listener of exitListeners) listener()
  }
  child.on('exit', markExited)
  // A command that cannot start (not installed) reports here instead of exiting.
  child.on('error', (error) => {
    lines.push(`cannot run ${command}: ${error.message}`)
    markExited()
  })
  const exitedPromise = new Promise<void>((resolve) => exitListeners.add(resolve))
  const tail = () => lines.slice(-15).join('\n')

  return {
    name: options.name,
    pid: child.pid ?? -1,
    tail,
    hasExited: () => exited,
    send(line) {
      if (child.stdin === null) throw new Error(`${options.name} was spawned without stdin`)
      child.stdin.write(`${line}\n`)
    },
    waitForLine(pattern, timeoutMs) {
      const already = lines.map((line) => pattern.exec(line)).find((match) => match !== null)
      if (already) return Promise.resolve(already)
      return new Promise((resolve, reject) => {
        const cleanup = () => {
          clearTimeout(timer)
          listeners.delete(onLine)
          exitListeners.delete(onExit)
        }
        const onLine = (line: string) => {
          const match = pattern.exec(line)
          if (match === null) return
          cleanup()
          resolve(match)
        }
        const onExit = () => {
          cleanup()
          reject(new Error(`${options.name} exited before printing ${pattern}:\n${tail()}`))
        }
        const timer = setTimeout(() => {
          cleanup()
          reject(new Error(`${options.name} did not print ${pattern} within ${timeoutMs} ms:\n${tail()}`))
        }, timeoutMs)
        listeners.add(onLine)
        exitListeners.add(onExit)
        if (exited) onExit()
      })
    },
    async stop(graceMs = 3_000) {
      if (exited) return
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs)
      await exitedPromise
      clearTimeout(timer)
    },
  }
}

/** Kills every child still running (SIGKILL): used on exit and on fatal errors. */
export function killAllChildren(): void {
  for (const child of running) child.kill('SIGKILL')
  running.clear()
}

/**
 * Makes sure no child outlives this process, whatever way it ends.
 *
 * @example
 * installCleanup()
 */
export function installCleanup(): void {
  process.on('exit', killAllChildren)
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      killAllChildren()
      process.exit(130)
    })
  }
  process.on('uncaughtException', (error) => {
    console.error(error)
    killAllChildren()
    process.exit(1)
  })
  process.on('unhandledRejection', (error) => {
    console.error(error)
    killAllChildren()
    process.exit(1)
  })
}
