// The newest entries of an organization's change feed, with their time (the admin API's activity list).
import type { Queryable } from '../db/database.js'
import type { ChangeKind } from './change-log.js'

/** One change as the admin API lists it. */
export interface RecentChange {
  revision: number
  kind: ChangeKind
  virtual_key_id: string | null
  budget_id: string | null
  model_provider_id: string | null
  project_id: string | null
  created_at: string
}

/**
 * The `limit` newest changes of an organization, newest first.
 *
 * @example
 * const changes = await listRecentChanges(db, orgId, 50)
 */
export async function listRecentChanges(
  db: Queryable,
  organizationId: string,
  limit: number,
): Promise<RecentChange[]> {
  const { rows } = await db.query<Omit<RecentChange, 'created_at'> & { created_at: Date | string }>(
    `select revision, kind, virtual_key_id, budget_id, model_provider_id, project_id, created_at from change_log
     where organization_id = $1 order by revision desc limit $2`,
    [organizationId, limit],
  )
  return rows.map((row) => ({
    ...row,
    revision: Number(row.revision),
    created_at: row.created_at instanceof Date ? row.created_at.toISOString() : String(row.created_at),
  }))
}
