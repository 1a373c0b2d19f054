// The embedded engine: PGlite (PostgreSQL in WebAssembly), on disk or in memory (`memory://`).
import { PGlite } from '@electric-sql/pglite'
import type { Database, Queryable, QueryResult } from './database.js'

interface PgliteRunner {
  query<Row>(sql: string, params?: unknown[]): Promise<{ rows: Row[]; affectedRows?: number }>
  exec(sql: string): Promise<unknown>
}

function wrap(runner: PgliteRunner): Queryable {
  return {
    async query<Row>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<Row>> {
      const result = await runner.query<Row>(sql, [...params])
      return { rows: result.rows, rowCount: result.affectedRows ?? 0 }
    },
    async exec(sql: string): Promise<void> {
      await runner.exec(sql)
    },
  }
}

/**
 * Opens a PGlite database. PGlite is one connection: it serialises statements and a
 * transaction holds the connection until it ends, which is the isolation we need.
 *
 * @example
 * const db = await createPgliteDatabase('memory://')
 * await db.query('select 1')
 */
export async function createPgliteDatabase(dataDir: string): Promise<Database> {
  const pglite = await PGlite.create(dataDir)
  const base = wrap(pglite)
  return {
    kind: 'pglite',
    query: base.query,
    exec: base.exec,
    transaction: (fn) => pglite.transaction((tx) => fn(wrap(tx))),
    close: () => pglite.close(),
  }
}
