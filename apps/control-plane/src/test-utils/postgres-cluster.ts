// Test helper: a PostgreSQL to test against — DATABASE_URL (in a fresh database) or a throwaway local cluster.
import { execFile } from 'node:child_process'
import { chown, mkdtemp, readdir, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'

const run = promisify(execFile)

/** A database URL to use and how to dispose of it. */
export interface TestPostgres {
  url: string
  /** Where it came from, for the test log. */
  source: string
  stop(): Promise<void>
}

async function findServerBinaries(): Promise<string | null> {
  const root = '/usr/lib/postgresql'
  const versions = await readdir(root).catch(() => [] as string[])
  for (const version of versions.sort().reverse()) {
    const bin = join(root, version, 'bin')
    const files = await readdir(bin).catch(() => [] as string[])
    if (files.includes('initdb') && files.includes('pg_ctl')) return bin
  }
  return null
}

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

async function uidOf(user: string): Promise<{ uid: number; gid: number } | null> {
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', user]), run('id', ['-g', user])])
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) }
  } catch {
    return null
  }
}

async function startCluster(bin: string): Promise<TestPostgres> {
  const dir = await mkdtemp(join(tmpdir(), 'gw-cp-pg-'))
  const port = await freePort()
  // PostgreSQL refuses to run as root: run it as the `postgres` user, which owns the directory.
  let asUser = (command: string, args: string[]) => run(command, args)
  if (userInfo().uid === 0) {
    const owner = await uidOf('postgres')
    if (owner === null)
      throw new Error('running as root and there is no "postgres" user to run PostgreSQL as')
    await chown(dir, owner.uid, owner.gid)
    asUser = (command, args) => run('runuser', ['-u', 'postgres', '--', command, ...args])
  }
  const data = join(dir, 'data')
  await asUser(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8'])
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`
  await asUser(join(bin, 'pg_ctl'), ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', 'start'])
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    source: `throwaway cluster from ${bin} on port ${port}`,
    async stop() {
      await asUser(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => {})
      await rm(dir, { recursive: true, force: true })
    },
  }
}

async function freshDatabase(url: string): Promise<TestPostgres> {
  const name = `gw_cp_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`create database ${name}`)
  await admin.end()
  const target = new URL(url)
  target.pathname = `/${name}`
  return {
    url: target.toString(),
    source: 'a fresh database on DATABASE_URL',
    async stop() {
      const cleanup = new pg.Client({ connectionString: url })
      await cleanup.connect()
      await cleanup.query(`drop database if exists ${name} with (force)`)
      await cleanup.end()
    },
  }
}

/**
 * A PostgreSQL for tests: a fresh database on `DATABASE_URL` when set, else a throwaway cluster
 * from the Debian server binaries, else null.
 *
 * @example
 * const postgres = await startTestPostgres()
 * if (postgres === null) throw new Error('PostgreSQL unavailable')
 */
export async function startTestPostgres(
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<TestPostgres | null> {
  const url = env.DATABASE_URL
  if (url !== undefined && url !== '') return freshDatabase(url)
  const bin = await findServerBinaries()
  return bin === null ? null : startCluster(bin)
}
