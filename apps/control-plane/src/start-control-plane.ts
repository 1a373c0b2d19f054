// Starts the control plane: database, migrations, app, HTTP listener; returns a handle to stop it.
import type { AddressInfo } from 'node:net'
import { parseListenAddress } from '@gw/config-hydrate'
import { createAdaptorServer } from '@hono/node-server'
import type { ControlPlaneConfig } from './config.js'
import { createApp } from './create-app.js'
import type { Database } from './db/database.js'
import { openDatabase } from './db/open-database.js'
import { createLogger, type Logger } from './shared/logger.js'
import type { Clock } from './shared/time.js'

/** Options for {@link startControlPlane}. */
export interface StartControlPlaneOptions {
  /** Default: a pino logger at `LOG_LEVEL` writing to stdout. */
  logger?: Logger
  /** Clock for key expiry, rotation grace, bundle `iat` and timestamps. Default: `Date.now`. */
  now?: Clock
  /** How often a waiting /changes poll re-reads the feed without a local notification. Default: 2000 ms. */
  changesRecheckMs?: number
}

/** A running control plane. */
export interface RunningControlPlane {
  /** Base URL, e.g. `http://127.0.0.1:5560`. */
  url: string
  port: number
  db: Database
  /** Stops listening, ends open long polls and closes the database. */
  close(): Promise<void>
}

function urlHost(host: string | undefined): string {
  if (host === undefined || host === '0.0.0.0' || host === '::') return '127.0.0.1'
  return host.includes(':') ? `[${host}]` : host
}

/**
 * Starts the control plane on `CONTROL_PLANE_ADDR` (port 0 picks a free port).
 *
 * @example
 * const cp = await startControlPlane(loadControlPlaneConfig())
 * console.log(cp.url)
 * await cp.close()
 */
export async function startControlPlane(
  config: ControlPlaneConfig,
  options: StartControlPlaneOptions = {},
): Promise<RunningControlPlane> {
  const logger = options.logger ?? createLogger({ level: config.logLevel, environment: config.environment })
  const now = options.now ?? Date.now
  const address = parseListenAddress(config.controlPlane.addr)
  if (address === undefined)
    throw new Error(`CONTROL_PLANE_ADDR="${config.controlPlane.addr}": expected host:port or :port`)
  const db = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.controlPlane.dataDir,
    now,
  })
  const app = createApp({ config, db, logger, now, changesRecheckMs: options.changesRecheckMs })
  const server = createAdaptorServer({ fetch: app.fetch })
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(address.port, address.host, () => {
        server.off('error', reject)
        resolve()
      })
    })
  } catch (error) {
    await db.close()
    throw error
  }
  const port = (server.address() as AddressInfo).port
  const url = `http://${urlHost(address.host)}:${port}`
  logger.info({ url, database: db.kind }, 'control plane listening')
  let closing: Promise<void> | undefined
  return {
    url,
    port,
    db,
    close() {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve())
          // Long polls would otherwise hold the listener open for up to 25 s.
          if ('closeAllConnections' in server) server.closeAllConnections()
        })
        await db.close()
      })()
      return closing
    },
  }
}
