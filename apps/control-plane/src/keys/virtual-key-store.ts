// SQL for virtual keys: rows in and out, lookups by id, by scope and by digest (indexed equality).
import { GatewayError } from '@gw/contract'
import type { Queryable } from '../db/database.js'
import { toIso, toUnixSeconds } from '../shared/time.js'
import type { KeyConfigKey } from './build-key-config.js'
import { defaultKeyPolicy, type KeyPolicy, mergeKeyPolicy } from './key-policy.js'
import { effectiveKeyState, type KeyState, type StoredKeyStatus } from './key-state.js'
import type { KeyEnvironment } from './mint-virtual-key.js'

/** A key row as stored. */
export interface VirtualKeyRecord {
  id: string
  organization_id: string
  project_id: string
  team_id: string | null
  principal_id: string | null
  name: string
  environment: KeyEnvironment
  display_prefix: string
  digest: string
  /** hex sha256(key) (`hashKey`); null for keys minted before migration 0002. */
  cache_digest: string | null
  previous_digest: string | null
  previous_valid_until: Date | null
  status: StoredKeyStatus
  expires_at: Date | null
  config: KeyPolicy
  revision: number
  created_at: Date
  updated_at: Date
}

/** A key as the admin API shows it: no digests, state derived at `now`. */
export interface VirtualKey {
  id: string
  organization_id: string
  project_id: string
  team_id: string | null
  principal_id: string | null
  name: string
  environment: KeyEnvironment
  display_prefix: string
  status: KeyState
  expires_at: string | null
  /** End of the grace period of the secret replaced by the last rotation, while it lasts. */
  previous_secret_valid_until: string | null
  config: KeyPolicy
  revision: string
  created_at: string
  updated_at: string
}

const columns = `id, organization_id, project_id, team_id, principal_id, name, environment, display_prefix, digest,
  previous_digest, previous_valid_until, status, expires_at, config, revision, created_at, updated_at, cache_digest`

function fromRow(row: VirtualKeyRecord): VirtualKeyRecord {
  return { ...row, revision: Number(row.revision), config: mergeKeyPolicy(defaultKeyPolicy(), row.config) }
}

/**
 * The admin view of a key at `nowMs`.
 *
 * @example
 * toVirtualKey(record, Date.now()).status // 'active'
 */
export function toVirtualKey(record: VirtualKeyRecord, nowMs: number): VirtualKey {
  const graceActive = record.previous_valid_until !== null && record.previous_valid_until.getTime() > nowMs
  return {
    id: record.id,
    organization_id: record.organization_id,
    project_id: record.project_id,
    team_id: record.team_id,
    principal_id: record.principal_id,
    name: record.name,
    environment: record.environment,
    display_prefix: record.display_prefix,
    status: effectiveKeyState(record, nowMs),
    expires_at: toIso(record.expires_at),
    previous_secret_valid_until: graceActive ? toIso(record.previous_valid_until) : null,
    config: record.config,
    revision: String(record.revision),
    created_at: toIso(record.created_at) ?? '',
    updated_at: toIso(record.updated_at) ?? '',
  }
}

/** Key expiry as unix seconds (the bundle's `vk_expires_at`). */
export function expiresAtSeconds(record: Pick<VirtualKeyRecord, 'expires_at'>): number | null {
  return toUnixSeconds(record.expires_at)
}

/** Inserts a new key row. */
export async function insertVirtualKey(tx: Queryable, record: VirtualKeyRecord): Promise<void> {
  await tx.query(
    `insert into virtual_keys (${columns}) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
    [
      record.id,
      record.organization_id,
      record.project_id,
      record.team_id,
      record.principal_id,
      record.name,
      record.environment,
      record.display_prefix,
      record.digest,
      record.previous_digest,
      record.previous_valid_until,
      record.status,
      record.expires_at,
      JSON.stringify(record.config),
      record.revision,
      record.created_at,
      record.updated_at,
      record.cache_digest,
    ],
  )
}

/**
 * One key row; `forUpdate` locks it for the rest of the transaction. 404 when absent.
 *
 * @example
 * const record = await getVirtualKeyRecord(tx, id, { forUpdate: true })
 */
export async function getVirtualKeyRecord(
  db: Queryable,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<VirtualKeyRecord> {
  const { rows } = await db.query<VirtualKeyRecord>(
    `select ${columns} from virtual_keys where id = $1${options.forUpdate === true ? ' for update' : ''}`,
    [id],
  )
  const row = rows[0]
  if (row === undefined)
    throw new GatewayError('not_found', `Virtual key "${id}" not found`, { meta: { id } })
  return fromRow(row)
}

/**
 * The key whose current or previous digest equals `digest`, or null. Both columns are
 * indexed; the digest is computed server-side, so equality on it leaks nothing about the secret.
 */
export async function findVirtualKeyByDigest(
  db: Queryable,
  digest: string,
): Promise<VirtualKeyRecord | null> {
  const { rows } = await db.query<VirtualKeyRecord>(
    `select ${columns} from virtual_keys where digest = $1
     union all
     select ${columns} from virtual_keys where previous_digest = $1
     limit 1`,
    [digest],
  )
  const row = rows[0]
  return row === undefined ? null : fromRow(row)
}

/** Keys filtered by organization and/or project, oldest first. */
export async function listVirtualKeyRecords(
  db: Queryable,
  filter: { organization_id?: string | undefined; project_id?: string | undefined },
): Promise<VirtualKeyRecord[]> {
  const { rows } = await db.query<VirtualKeyRecord>(
    `select ${columns} from virtual_keys
     where ($1::text is null or organization_id = $1) and ($2::text is null or project_id = $2) order by id`,
    [filter.organization_id ?? null, filter.project_id ?? null],
  )
  return rows.map(fromRow)
}

/** A key row as the bootstrap pull reads it: what its bundle and config are built from. */
export type BootstrapKeyRecord = KeyConfigKey & { cache_digest: string }

/**
 * Up to `limit` keys after id `after` (exclusive, in id order) that a gateway may prime: active
 * by status, not expired at `nowMs`, and minted since the cache digest existed. The database
 * hands the page back as one JSON text (a row per key would cost more in per-field decoding than
 * everything else the bootstrap pull does), with each distinct policy merged once.
 *
 * @example
 * const page = await listBootstrapKeyRecords(db, { after: null, limit: 1000, nowMs: Date.now() })
 */
export async function listBootstrapKeyRecords(
  db: Queryable,
  options: { after: string | null; limit: number; nowMs: number },
): Promise<BootstrapKeyRecord[]> {
  const { rows } = await db.query<{ page: string }>(
    `select coalesce(json_agg(k order by k.id), '[]')::text as page from (
       select id, organization_id, project_id, team_id, principal_id, display_prefix, status, expires_at,
         revision, cache_digest, config
       from virtual_keys
       where ($1::text is null or id > $1) and status = 'active' and cache_digest is not null
         and (expires_at is null or expires_at > $2)
       order by id limit $3
     ) k`,
    [options.after, new Date(options.nowMs), options.limit],
  )
  type PageRow = Omit<BootstrapKeyRecord, 'expires_at'> & { expires_at: string | null }
  // Keyed by the policy's JSON: most keys carry the same few policies, merged once each.
  const policies = new Map<string, KeyPolicy>()
  return (JSON.parse(rows[0]?.page ?? '[]') as PageRow[]).map((row) => {
    const text = JSON.stringify(row.config)
    let config = policies.get(text)
    if (config === undefined) {
      config = mergeKeyPolicy(defaultKeyPolicy(), row.config)
      policies.set(text, config)
    }
    return {
      ...row,
      revision: Number(row.revision),
      expires_at: row.expires_at === null ? null : new Date(row.expires_at),
      config,
    }
  })
}

/** Writes the mutable fields of a key row back. */
export async function saveVirtualKey(tx: Queryable, record: VirtualKeyRecord): Promise<void> {
  await tx.query(
    `update virtual_keys set name = $2, digest = $3, previous_digest = $4, previous_valid_until = $5, status = $6,
       expires_at = $7, config = $8, revision = $9, updated_at = $10, cache_digest = $11 where id = $1`,
    [
      record.id,
      record.name,
      record.digest,
      record.previous_digest,
      record.previous_valid_until,
      record.status,
      record.expires_at,
      JSON.stringify(record.config),
      record.revision,
      record.updated_at,
      record.cache_digest,
    ],
  )
}
