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

// The next `limit` keys in id order, whatever their state (`$1` is '' for the first page, so the
// primary key's index always bounds the scan: a filter in the same WHERE made the planner, without
// statistics, read every later row and sort them for each page), then those a gateway may prime,
// as arrays (cheaper to print and parse than objects) in this column order, and the policy of
// each distinct digest once, read from the first key that has it. One statement, one snapshot.
const bootstrapPageQuery = `
with scanned as (
  select id, organization_id, project_id, team_id, principal_id, display_prefix, status, expires_at,
    revision, cache_digest, config_digest
  from virtual_keys where id > $1 order by id limit $3
), page as (
  select * from scanned
  where status = 'active' and cache_digest is not null and (expires_at is null or expires_at > $2)
), firsts as (
  select distinct on (config_digest) config_digest, id from page order by config_digest, id
)
select
  (select count(*) from scanned)::int as scanned,
  (select max(id) from scanned) as last_id,
  (select coalesce(json_agg(json_build_array(id, organization_id, project_id, team_id, principal_id,
     display_prefix, status, expires_at, revision, cache_digest, config_digest) order by id), '[]')
   from page)::text as keys,
  (select coalesce(json_agg(json_build_array(f.config_digest, k.config)), '[]')
   from firsts f join virtual_keys k on k.id = f.id)::text as policies`

type BootstrapPageRow = [
  id: string,
  organization_id: string,
  project_id: string,
  team_id: string | null,
  principal_id: string | null,
  display_prefix: string,
  status: VirtualKeyRecord['status'],
  expires_at: string | null,
  revision: number | string,
  cache_digest: string,
  config_digest: string,
]

/** One bootstrap page of key rows, and where the next one starts. */
export interface BootstrapKeyPage {
  records: BootstrapKeyRecord[]
  /**
   * The last key id this page looked at when it looked at `limit` of them (the next page starts
   * after it), else null: the last page. A page may hold fewer records than `limit`, even none,
   * and still have a next one, when keys it looked at were revoked, expired or minted before the
   * cache digest existed.
   */
  nextAfter: string | null
}

/**
 * Looks at the next `limit` keys after id `after` (exclusive, in id order) and keeps those a
 * gateway may prime: active by status, not expired at `nowMs`, and minted since the cache digest
 * existed. The database hands the page back as JSON text (a row per key would cost more in
 * per-field decoding than everything else the bootstrap pull does) and each distinct policy once,
 * by its `config_digest`; keys with the same policy share one merged policy object.
 *
 * @example
 * const { records, nextAfter } = await listBootstrapKeyRecords(db, { after: null, limit: 1000, nowMs: Date.now() })
 */
export async function listBootstrapKeyRecords(
  db: Queryable,
  options: { after: string | null; limit: number; nowMs: number },
): Promise<BootstrapKeyPage> {
  const { rows } = await db.query<{
    scanned: number
    last_id: string | null
    keys: string
    policies: string
  }>(bootstrapPageQuery, [options.after ?? '', new Date(options.nowMs), options.limit])
  const row = rows[0]
  if (row === undefined) return { records: [], nextAfter: null }
  const policies = new Map<string, KeyPolicy>()
  for (const [digest, config] of JSON.parse(row.policies) as [string, Partial<KeyPolicy>][]) {
    policies.set(digest, mergeKeyPolicy(defaultKeyPolicy(), config))
  }
  const records = (JSON.parse(row.keys) as BootstrapPageRow[]).map((key): BootstrapKeyRecord => {
    const config = policies.get(key[10])
    if (config === undefined) throw new Error(`bootstrap page: no policy for digest ${key[10]}`)
    return {
      id: key[0],
      organization_id: key[1],
      project_id: key[2],
      team_id: key[3],
      principal_id: key[4],
      display_prefix: key[5],
      status: key[6],
      expires_at: key[7] === null ? null : new Date(key[7]),
      revision: Number(key[8]),
      cache_digest: key[9],
      config,
    }
  })
  return { records, nextAfter: Number(row.scanned) === options.limit ? row.last_id : null }
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
