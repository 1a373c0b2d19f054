// Runs the reference control plane as a child process (in-memory PGlite) for the gateway to call.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type ChildHandle, nodeSourceArgs, type Pinning, spawnChild } from '../processes.js'
import type { Outcome } from '../report.js'
import type { KeyRow } from '../sut/bulk-seed.js'
import { runChildCommand } from './child-command.js'
import type { StackSecrets } from './secrets.js'

/** A running control plane. */
export interface ControlPlaneProcess {
  url: string
  handle: ChildHandle
  /** Bulk-inserts key rows copied from a template key (see sut/bulk-seed.ts). */
  seedKeys(templateKeyId: string, rows: readonly KeyRow[]): Promise<void>
  /** Deletes every bulk-inserted key (a later cold start pulls only its own). */
  unseedKeys(): Promise<void>
}

/** Options for {@link startControlPlaneProcess}. */
export interface ControlPlaneProcessOptions {
  secrets: StackSecrets
  pinning: Pinning
  core: number
}

// Rows go through a private temporary file: 50,000 rows are too many for one stdin line.
async function seedKeys(handle: ChildHandle, templateKeyId: string, rows: readonly KeyRow[]): Promise<void> {
  const directory = await mkdtemp(join(tmpdir(), 'gw-bench-'))
  try {
    const file = join(directory, 'rows.json')
    await writeFile(file, JSON.stringify(rows), { mode: 0o600 })
    await runChildCommand(handle, 'seed', [templateKeyId, file], 'SEED', 300_000)
  } finally {
    await rm(directory, { recursive: true, force: true })
  }
}

const entry = fileURLToPath(new URL('../sut/control-plane-main.ts', import.meta.url))

/**
 * Starts the control plane on an ephemeral loopback port; not ok when @gw/control-plane cannot start yet.
 *
 * @example
 * const controlPlane = await startControlPlaneProcess({ secrets, pinning, core: 0 })
 */
export async function startControlPlaneProcess(
  options: ControlPlaneProcessOptions,
): Promise<Outcome<ControlPlaneProcess>> {
  const { secrets } = options
  const handle = spawnChild({
    name: 'control plane',
    command: process.execPath,
    args: [...nodeSourceArgs, entry],
    env: {
      CONTROL_PLANE_ADDR: '127.0.0.1:0',
      CONTROL_PLANE_DATA_DIR: 'memory://',
      CONTROL_PLANE_ADMIN_TOKEN: secrets.adminToken,
      CONTROL_PLANE_ENCRYPTION_KEY: secrets.encryptionKey,
      LW_GATEWAY_INTERNAL_SECRET: secrets.internalSecret,
      LW_GATEWAY_JWT_SECRET: secrets.jwtSecret,
      LW_VIRTUAL_KEY_PEPPER: secrets.pepper,
      DATABASE_URL: undefined,
      LOG_LEVEL: 'warn',
    },
    core: options.core,
    pinning: options.pinning,
    stdin: true,
  })
  const [, state, detail = ''] = await handle.waitForLine(/^BENCH_(READY url=|UNAVAILABLE )(.*)$/, 60_000)
  if (state !== 'READY url=') {
    await handle.stop()
    return { ok: false, reason: `skipped: ${detail}` }
  }
  return {
    ok: true,
    value: {
      url: detail,
      handle,
      seedKeys: (templateKeyId, rows) => seedKeys(handle, templateKeyId, rows),
      async unseedKeys() {
        await runChildCommand(handle, 'unseed', [], 'UNSEED', 60_000)
      },
    },
  }
}
