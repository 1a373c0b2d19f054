// Opens the configured engine (PostgreSQL when DATABASE_URL is set, else PGlite) and migrates it.
import { mkdir } from 'node:fs/promises'
import type { Database } from './database.js'
import { migrate } from './migrate.js'
import { createPgliteDatabase } from './pglite-database.js'
import { createPostgresDatabase } from './postgres-database.js'

/** Where the data lives. */
export interface OpenDatabaseOptions {
  /** `DATABASE_URL`; when set, PGlite is not used. */
  databaseUrl?: string | undefined
  /** PGlite directory (`CONTROL_PLANE_DATA_DIR`), or `memory://` for nothing on disk. */
  dataDir: string
  /** Clock for migration records. Default: `Date.now`. */
  now?: () => number
}

/**
 * Opens the database and applies pending migrations before returning it.
 *
 * @example
 * const db = await openDatabase({ dataDir: 'memory://' })
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  let db: Database
  if (options.databaseUrl !== undefined) {
    db = await createPostgresDatabase({ connectionString: options.databaseUrl })
  } else {
    if (!options.dataDir.startsWith('memory://')) await mkdir(options.dataDir, { recursive: true })
    db = await createPgliteDatabase(options.dataDir)
  }
  try {
    await migrate(db, options.now === undefined ? {} : { now: options.now })
  } catch (error) {
    await db.close()
    throw error
  }
  return db
}
