// One spool directory per process, marked with its pid; directories of dead processes are adopted.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const OWNER_FILE = 'owner.json'
// Tells apart two spools opened by one process in the same millisecond (tests, embedders).
let claimed = 0

/** True when a process with this pid exists (signal 0 checks without signalling). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Creates `<base>/<podId>-<pid>-<startMs>-<n>` owned by this process. Replicas on one host each get
 * their own directory, so no two processes ever append to the same segment.
 *
 * @example
 * const dir = claimProcessDirectory('/var/lib/gateway/spool', 'gw-a', Date.now())
 */
export function claimProcessDirectory(base: string, podId: string, nowMs: number): string {
  const safePod = podId.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 64)
  claimed += 1
  const directory = join(base, `${safePod}-${process.pid}-${nowMs}-${claimed}`)
  mkdirSync(directory, { recursive: true })
  writeFileSync(join(directory, OWNER_FILE), JSON.stringify({ pid: process.pid, pod_id: podId }))
  return directory
}

/**
 * Sibling directories whose owner process is gone (a crash or SIGKILL): their unacknowledged
 * segments must be shipped by someone, and this process takes them over.
 *
 * @example
 * for (const orphan of findOrphanDirectories(base, ownDirectory)) adopt(orphan)
 */
export function findOrphanDirectories(base: string, ownDirectory: string): string[] {
  let entries: string[]
  try {
    entries = readdirSync(base)
  } catch {
    return []
  }
  const orphans: string[] = []
  for (const entry of entries) {
    const directory = join(base, entry)
    if (directory === ownDirectory) continue
    try {
      const owner = JSON.parse(readFileSync(join(directory, OWNER_FILE), 'utf8')) as { pid?: unknown }
      if (typeof owner.pid === 'number' && !isProcessAlive(owner.pid)) orphans.push(directory)
    } catch {
      // Not a spool directory (or one still being created): leave it alone.
    }
  }
  return orphans.sort()
}

/** Removes an adopted directory once every segment in it was acknowledged. */
export function removeDirectory(directory: string): void {
  rmSync(directory, { recursive: true, force: true })
}
