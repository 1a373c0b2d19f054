// Test helper: every row of every table as one JSON text, to prove secrets are not stored in the clear.
import type { Database } from '../db/database.js'

/** JSON of all rows of all tables in the public schema. */
export async function dumpDatabase(db: Database): Promise<string> {
  const { rows: tables } = await db.query<{ table_name: string }>(
    "select table_name from information_schema.tables where table_schema = 'public' order by table_name",
  )
  const dump: Record<string, unknown[]> = {}
  for (const { table_name } of tables) {
    dump[table_name] = (await db.query(`select * from "${table_name}"`)).rows
  }
  return JSON.stringify(dump)
}
