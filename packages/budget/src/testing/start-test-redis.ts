// `@gw/budget/testing`: a throwaway redis-server on a free loopback port for tests of Redis-backed budgets, or why it cannot run.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { createServer } from 'node:net'

/** A running redis-server. */
export interface TestRedis {
  url: string
  port: number
  process: ChildProcess
  stop(): Promise<void>
}

/** Why Redis tests are skipped here, or null when `redis-server` is installed. */
export function redisUnavailableReason(): string | null {
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'ignore' })
    return null
  } catch {
    return 'redis-server is not installed (Debian: apt-get install redis-server; .ci/run installs it)'
  }
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

/**
 * Starts redis-server without persistence on 127.0.0.1 and waits until it accepts connections.
 *
 * @example
 * const redis = await startTestRedis()
 * afterAll(() => redis.stop())
 */
export async function startTestRedis(port?: number): Promise<TestRedis> {
  const chosen = port ?? (await freePort())
  const child = spawn(
    'redis-server',
    ['--port', String(chosen), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  await new Promise<void>((resolve, reject) => {
    let seen = ''
    child.stdout!.on('data', (chunk: Buffer) => {
      seen += chunk.toString()
      if (seen.includes('Ready to accept connections')) resolve()
    })
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${seen.slice(-500)}`)))
  })
  return {
    url: `redis://127.0.0.1:${chosen}`,
    port: chosen,
    process: child,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGKILL')
      }),
  }
}
