// The server engine: a node-postgres Pool, used when DATABASE_URL is set.
import pg from 'pg'
import type { Database, Queryable, QueryResult } from './database.js'

const INT8_OID = 20

// Revisions are bigint columns; PGlite returns them as numbers, so pg must too (they stay far
// below 2^53). Scoped to this pool rather than pg's global parser table.
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID && format !== 'binary') return (value: string) => Number(value)
    return pg.types.getTypeParser(oid, format)
  },
}

function wrap(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<Row>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<Row>> {
      const result = await client.query(sql, [...params])
      return { rows: result.rows as Row[], rowCount: result.rowCount ?? 0 }
    },
    async exec(sql: string): Promise<void> {
      // Without parameters pg uses the simple protocol, which accepts several statements.
      await client.query(sql)
    },
  }
}

/** Options for {@link createPostgresDatabase}. */
export interface PostgresDatabaseOptions {
  /** `DATABASE_URL`, e.g. `postgres://user:pass@host:5432/db`. */
  connectionString: string
  /** Pool size. Default: 10. */
  maxConnections?: number
}

/**
 * Opens a PostgreSQL pool and checks it answers.
 *
 * @example
 * const db = await createPostgresDatabase({ connectionString: process.env.DATABASE_URL })
 */
export async function createPostgresDatabase(options: PostgresDatabaseOptions): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    types,
  })
  // An idle client that errors (server restart) must not crash the process; the next
  // query gets a fresh connection.
  pool.on('error', () => {})
  await pool.query('select 1')
  const base = wrap(pool)
  return {
    kind: 'postgres',
    query: base.query,
    exec: base.exec,
    async transaction(fn) {
      const client = await pool.connect()
      try {
        await client.query('begin')
        const result = await fn(wrap(client))
        await client.query('commit')
        return result
      } catch (error) {
        await client.query('rollback').catch(() => {})
        throw error
      } finally {
        client.release()
      }
    },
    close: () => pool.end(),
  }
}
