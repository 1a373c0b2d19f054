// Bulk insert of virtual-key rows inside the control-plane process: each new row copies a
// template key created through the admin API, with its own id, name, display prefix and digest.
import { readFileSync } from 'node:fs'

/** The part of the control plane's database handle this needs. */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>
}

/** One key row to insert; the raw key never reaches this process. */
export interface KeyRow {
  id: string
  displayPrefix: string
  digest: string
  /** sha256 hex of the key: what the bootstrap pull hands the gateway. */
  cacheDigest: string
}

const batchSize = 1_000

// Only the varying columns come from the rows; every other column (tenant, config, revision,
// status, timestamps) is the template's, so the new keys resolve exactly like it does.
const insertFromTemplate = `
insert into virtual_keys (id, organization_id, project_id, team_id, principal_id, name, environment,
  display_prefix, digest, cache_digest, status, expires_at, config, revision, created_at, updated_at)
select n.id, t.organization_id, t.project_id, t.team_id, t.principal_id, 'bench-' || n.id, t.environment,
  n.display_prefix, n.digest, n.cache_digest, t.status, t.expires_at, t.config, t.revision, t.created_at, t.updated_at
from virtual_keys t, unnest($2::text[], $3::text[], $4::text[], $5::text[]) as n(id, display_prefix, digest, cache_digest)
where t.id = $1`

/**
 * Inserts the rows of `rowsFile` (a JSON array of {@link KeyRow}) in batches of 1,000.
 *
 * @example
 * const count = await insertKeyRows(server.db, templateKeyId, '/tmp/bench-keys/rows.json')
 */
export async function insertKeyRows(db: Queryable, templateKeyId: string, rowsFile: string): Promise<number> {
  const rows = JSON.parse(readFileSync(rowsFile, 'utf8')) as KeyRow[]
  for (let start = 0; start < rows.length; start += batchSize) {
    const batch = rows.slice(start, start + batchSize)
    await db.query(insertFromTemplate, [
      templateKeyId,
      batch.map((row) => row.id),
      batch.map((row) => row.displayPrefix),
      batch.map((row) => row.digest),
      batch.map((row) => row.cacheDigest),
    ])
  }
  return rows.length
}

/**
 * Deletes every key bulk-inserted by {@link insertKeyRows} (named `bench-<id>`), so a later
 * cold start pulls only its own keys.
 *
 * @example
 * const deleted = await deleteSeededKeys(server.db)
 */
export async function deleteSeededKeys(db: Queryable): Promise<number> {
  const result = (await db.query(`delete from virtual_keys where name like 'bench-%'`)) as {
    affectedRows?: number
  }
  return result.affectedRows ?? 0
}
