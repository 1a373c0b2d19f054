// The per-organization change feed: append under a row lock (monotonic revisions), read after a revision.
import { GatewayError } from '@gw/contract'
import type { Queryable } from '../db/database.js'

/** Kinds of change the gateway reacts to (§4). */
export type ChangeKind =
  | 'VK_CREATED'
  | 'VK_CONFIG_UPDATED'
  | 'VK_REVOKED'
  | 'VK_ROTATED'
  | 'VK_DISABLED'
  | 'VK_ENABLED'
  | 'MODEL_PROVIDER_UPDATED'
  | 'GUARDRAIL_UPDATED'
  | 'BUDGET_CREATED'
  | 'BUDGET_UPDATED'
  | 'BUDGET_DELETED'
  | 'ROUTING_POLICY_UPDATED'
  | 'ROUTING_POLICY_DELETED'

/** What a change touched. */
export interface ChangeSubject {
  kind: ChangeKind
  virtual_key_id?: string
  budget_id?: string
  model_provider_id?: string
  project_id?: string
}

/** One entry of the `/changes` feed as sent on the wire (absent ids omitted). */
export interface ChangeEntry extends ChangeSubject {
  revision: number
}

interface ChangeRow {
  revision: number
  kind: ChangeKind
  virtual_key_id: string | null
  budget_id: string | null
  model_provider_id: string | null
  project_id: string | null
}

/**
 * Appends a change inside the caller's transaction and returns its revision. The
 * `update … returning` locks the organization row, so concurrent writers get consecutive revisions.
 *
 * @example
 * const revision = await appendChange(tx, orgId, { kind: 'VK_REVOKED', virtual_key_id: id }, Date.now())
 */
export async function appendChange(
  tx: Queryable,
  organizationId: string,
  change: ChangeSubject,
  nowMs: number,
): Promise<number> {
  const { rows } = await tx.query<{ change_revision: number }>(
    'update organizations set change_revision = change_revision + 1, updated_at = $2 where id = $1 returning change_revision',
    [organizationId, new Date(nowMs)],
  )
  const row = rows[0]
  if (row === undefined) {
    throw new GatewayError('not_found', `Organization "${organizationId}" not found`, {
      meta: { id: organizationId },
    })
  }
  const revision = Number(row.change_revision)
  await tx.query(
    `insert into change_log (organization_id, revision, kind, virtual_key_id, model_provider_id, project_id, created_at, budget_id)
     values ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      organizationId,
      revision,
      change.kind,
      change.virtual_key_id ?? null,
      change.model_provider_id ?? null,
      change.project_id ?? null,
      new Date(nowMs),
      change.budget_id ?? null,
    ],
  )
  return revision
}

/** The organization's latest revision, or null when the organization does not exist. */
export async function currentRevision(db: Queryable, organizationId: string): Promise<number | null> {
  const { rows } = await db.query<{ change_revision: number }>(
    'select change_revision from organizations where id = $1',
    [organizationId],
  )
  const row = rows[0]
  return row === undefined ? null : Number(row.change_revision)
}

/**
 * Every organization's latest revision, by id: read before a bootstrap page, so a change feed
 * started there replays anything that changed while the page was read.
 */
export async function currentRevisions(db: Queryable): Promise<Map<string, number>> {
  const { rows } = await db.query<{ id: string; change_revision: number }>(
    'select id, change_revision from organizations',
  )
  return new Map(rows.map((row) => [row.id, Number(row.change_revision)]))
}

function toEntry(row: ChangeRow): ChangeEntry {
  const entry: ChangeEntry = { kind: row.kind, revision: Number(row.revision) }
  if (row.virtual_key_id !== null) entry.virtual_key_id = row.virtual_key_id
  if (row.budget_id !== null) entry.budget_id = row.budget_id
  if (row.model_provider_id !== null) entry.model_provider_id = row.model_provider_id
  if (row.project_id !== null) entry.project_id = row.project_id
  return entry
}

/**
 * Changes after `since`, oldest first, at most `limit`.
 *
 * @example
 * const changes = await listChangesSince(db, orgId, 41, 500)
 */
export async function listChangesSince(
  db: Queryable,
  organizationId: string,
  since: number,
  limit: number,
): Promise<ChangeEntry[]> {
  const { rows } = await db.query<ChangeRow>(
    `select revision, kind, virtual_key_id, budget_id, model_provider_id, project_id from change_log
     where organization_id = $1 and revision > $2 order by revision limit $3`,
    [organizationId, since, limit],
  )
  return rows.map(toEntry)
}
