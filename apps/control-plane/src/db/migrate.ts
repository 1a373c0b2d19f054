// Applies pending migrations in one transaction and records them in `schema_migrations`.
import type { Database } from './database.js'
import { migrations as defaultMigrations, type Migration } from './migrations/index.js'

// Any constant works; it only has to be the same for every replica sharing the database.
const MIGRATION_LOCK_ID = 5560_0001

/** Options for {@link migrate}. */
export interface MigrateOptions {
  /** Default: the bundled migrations. */
  migrations?: readonly Migration[]
  /** Clock for `applied_at`. Default: `Date.now`. */
  now?: () => number
}

/**
 * Brings the schema up to date. Idempotent: already applied versions are skipped, and an
 * advisory lock keeps two replicas starting together from racing.
 *
 * @returns the versions applied by this call (empty when the schema was current)
 * @example
 * await migrate(db)
 */
export async function migrate(db: Database, options: MigrateOptions = {}): Promise<string[]> {
  const pending = options.migrations ?? defaultMigrations
  const now = options.now ?? Date.now
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK_ID])
    await tx.exec(
      'create table if not exists schema_migrations (version text primary key, applied_at timestamptz not null)',
    )
    const { rows } = await tx.query<{ version: string }>('select version from schema_migrations')
    const applied = new Set(rows.map((row) => row.version))
    const appliedNow: string[] = []
    for (const migration of pending) {
      if (applied.has(migration.version)) continue
      await tx.exec(migration.sql)
      await tx.query('insert into schema_migrations (version, applied_at) values ($1, $2)', [
        migration.version,
        new Date(now()),
      ])
      appliedNow.push(migration.version)
    }
    return appliedNow
  })
}
