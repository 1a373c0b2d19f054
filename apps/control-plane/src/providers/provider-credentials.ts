// Provider credentials of a project: sealed at rest, masked for admins, opened only for the signed /config answer.
import { maskUrlSecrets } from '@gw/config-hydrate'
import { createAddressPolicy, GatewayError, type PriceOverrides, type ProviderSlot } from '@gw/contract'
import { appendChange } from '../changes/change-log.js'
import { maskSecret } from '../crypto/mask-secret.js'
import type { Queryable } from '../db/database.js'
import { validate } from '../http/parse-body.js'
import type { ControlPlaneDeps } from '../shared/deps.js'
import { newId } from '../shared/ids.js'
import { rethrowConflict } from '../shared/sql-errors.js'
import { toIso } from '../shared/time.js'
import { getProjectRecord } from '../tenancy/projects.js'
import { checkProviderUrl } from './check-base-url.js'
import {
  type CreateProviderCredentialInput,
  credentialSchemas,
  type ProviderType,
  secretCredentialFields,
  type UpdateProviderCredentialInput,
} from './provider-credential-input.js'
import { toWireProviderType } from './wire-provider-type.js'

type ProviderDeps = Pick<ControlPlaneDeps, 'db' | 'box' | 'notifier' | 'now' | 'baseUrlPolicy'>

const defaultUrlPolicy = createAddressPolicy({ refusePrivate: false })

/** A provider credential as the admin API shows it: secrets only as masked hints. */
export interface ProviderCredential {
  id: string
  organization_id: string
  project_id: string
  type: ProviderType
  name: string
  credentials_hint: Record<string, string>
  base_url: string | null
  deployment_map: Record<string, string> | null
  models: string[]
  /** Model → micro-USD per million tokens over the catalogue; null → the catalogue's prices. */
  price_overrides: PriceOverrides | null
  created_at: string
  updated_at: string
}

interface ProviderCredentialRow extends Omit<ProviderCredential, 'created_at' | 'updated_at'> {
  credentials_sealed: string
  created_at: Date
  updated_at: Date
}

const columns = `id, organization_id, project_id, type, name, credentials_sealed, credentials_hint, base_url,
  deployment_map, models, created_at, updated_at, price_overrides`

function toProviderCredential(row: ProviderCredentialRow): ProviderCredential {
  const { credentials_sealed: _sealed, ...rest } = row
  return {
    ...rest,
    base_url: row.base_url === null ? null : maskUrlSecrets(row.base_url),
    created_at: toIso(row.created_at) ?? '',
    updated_at: toIso(row.updated_at) ?? '',
  }
}

const jsonOrNull = (value: object | null) => (value === null ? null : JSON.stringify(value))

function hintCredentials(credentials: Record<string, unknown>): Record<string, string> {
  const hint: Record<string, string> = {}
  for (const [field, value] of Object.entries(credentials)) {
    if (secretCredentialFields.has(field)) hint[field] = typeof value === 'string' ? maskSecret(value) : '…'
    else if (field === 'endpoint' && typeof value === 'string') hint[field] = maskUrlSecrets(value)
    else hint[field] = String(value)
  }
  return hint
}

function checkCredentials(type: ProviderType, credentials: Record<string, unknown>): Record<string, unknown> {
  return validate(credentialSchemas[type], credentials, 'credentials') as Record<string, unknown>
}

function checkBaseUrl(
  deps: Pick<ProviderDeps, 'baseUrlPolicy'>,
  type: ProviderType,
  baseUrl: string | null,
  credentials?: Record<string, unknown>,
): void {
  if (type === 'openai-compatible' && baseUrl === null) {
    throw new GatewayError('bad_request', 'Invalid field "base_url": required for type "openai-compatible"', {
      meta: { field: 'base_url' },
    })
  }
  const policy = deps.baseUrlPolicy ?? defaultUrlPolicy
  if (baseUrl !== null) checkProviderUrl('base_url', baseUrl, policy)
  if (typeof credentials?.endpoint === 'string')
    checkProviderUrl('credentials.endpoint', credentials.endpoint, policy)
}

async function getRow(db: Queryable, id: string, forUpdate = false): Promise<ProviderCredentialRow> {
  const { rows } = await db.query<ProviderCredentialRow>(
    `select ${columns} from provider_credentials where id = $1${forUpdate ? ' for update' : ''}`,
    [id],
  )
  const row = rows[0]
  if (row === undefined) {
    throw new GatewayError('not_found', `Provider credential "${id}" not found`, { meta: { id } })
  }
  return row
}

const duplicateName = (name: string) =>
  rethrowConflict(`A provider credential named "${name}" already exists in this project`, { field: 'name' })

/**
 * Creates a credential (sealed with the row id as associated data) and records MODEL_PROVIDER_UPDATED.
 *
 * @example
 * await createProviderCredential(deps, { project_id, type: 'openai', name: 'openai',
 *   credentials: { api_key: 'sk-…' }, base_url: null, deployment_map: null, models: [] })
 */
export async function createProviderCredential(
  deps: ProviderDeps,
  input: CreateProviderCredentialInput,
): Promise<ProviderCredential> {
  const credentials = checkCredentials(input.type, input.credentials)
  checkBaseUrl(deps, input.type, input.base_url, credentials)
  const project = await getProjectRecord(deps.db, input.project_id)
  const nowMs = deps.now()
  const id = newId('mp', nowMs)
  const row = await deps.db.transaction(async (tx) => {
    const now = new Date(nowMs)
    const { rows } = await tx
      .query<ProviderCredentialRow>(
        `insert into provider_credentials (${columns}) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $12)
         returning ${columns}`,
        [
          id,
          project.organization_id,
          project.id,
          input.type,
          input.name,
          deps.box.seal(JSON.stringify(credentials), id),
          JSON.stringify(hintCredentials(credentials)),
          input.base_url,
          input.deployment_map === null ? null : JSON.stringify(input.deployment_map),
          JSON.stringify(input.models),
          now,
          input.price_overrides === null ? null : JSON.stringify(input.price_overrides),
        ],
      )
      .catch(duplicateName(input.name))
    await appendChange(
      tx,
      project.organization_id,
      { kind: 'MODEL_PROVIDER_UPDATED', model_provider_id: id, project_id: project.id },
      nowMs,
    )
    return rows[0] as ProviderCredentialRow
  })
  deps.notifier.notify(row.organization_id)
  return toProviderCredential(row)
}

/** Credentials filtered by organization and/or project, oldest first (masked). */
export async function listProviderCredentials(
  db: Queryable,
  filter: { organization_id?: string | undefined; project_id?: string | undefined },
): Promise<ProviderCredential[]> {
  const { rows } = await db.query<ProviderCredentialRow>(
    `select ${columns} from provider_credentials
     where ($1::text is null or organization_id = $1) and ($2::text is null or project_id = $2) order by id`,
    [filter.organization_id ?? null, filter.project_id ?? null],
  )
  return rows.map(toProviderCredential)
}

/** One credential (masked); 404 when absent. */
export async function getProviderCredential(db: Queryable, id: string): Promise<ProviderCredential> {
  return toProviderCredential(await getRow(db, id))
}

/**
 * Updates a credential; new `credentials` replace the old ones whole and are re-sealed.
 *
 * @example
 * await updateProviderCredential(deps, id, { credentials: { api_key: 'sk-new…' } })
 */
export async function updateProviderCredential(
  deps: ProviderDeps,
  id: string,
  input: UpdateProviderCredentialInput,
): Promise<ProviderCredential> {
  const nowMs = deps.now()
  const row = await deps.db.transaction(async (tx) => {
    const current = await getRow(tx, id, true)
    const baseUrl = input.base_url === undefined ? current.base_url : input.base_url
    checkBaseUrl(deps, current.type, baseUrl)
    let sealed = current.credentials_sealed
    let hint = current.credentials_hint
    if (input.credentials !== undefined) {
      const credentials = checkCredentials(current.type, input.credentials)
      checkBaseUrl(deps, current.type, null, credentials)
      sealed = deps.box.seal(JSON.stringify(credentials), id)
      hint = hintCredentials(credentials)
    }
    const deploymentMap = input.deployment_map === undefined ? current.deployment_map : input.deployment_map
    const name = input.name ?? current.name
    const { rows } = await tx
      .query<ProviderCredentialRow>(
        `update provider_credentials set name = $2, credentials_sealed = $3, credentials_hint = $4, base_url = $5,
           deployment_map = $6, models = $7, updated_at = $8, price_overrides = $9 where id = $1 returning ${columns}`,
        [
          id,
          name,
          sealed,
          JSON.stringify(hint),
          baseUrl,
          deploymentMap === null ? null : JSON.stringify(deploymentMap),
          JSON.stringify(input.models ?? current.models),
          new Date(nowMs),
          jsonOrNull(input.price_overrides === undefined ? current.price_overrides : input.price_overrides),
        ],
      )
      .catch(duplicateName(name))
    await appendChange(
      tx,
      current.organization_id,
      { kind: 'MODEL_PROVIDER_UPDATED', model_provider_id: id, project_id: current.project_id },
      nowMs,
    )
    return rows[0] as ProviderCredentialRow
  })
  deps.notifier.notify(row.organization_id)
  return toProviderCredential(row)
}

/**
 * Deletes a credential. Keys whose fallback chain names it simply skip it from then on.
 *
 * @example
 * await deleteProviderCredential(deps, id)
 */
export async function deleteProviderCredential(deps: ProviderDeps, id: string): Promise<void> {
  const nowMs = deps.now()
  const current = await deps.db.transaction(async (tx) => {
    const row = await getRow(tx, id, true)
    await tx.query('delete from provider_credentials where id = $1', [id])
    await appendChange(
      tx,
      row.organization_id,
      { kind: 'MODEL_PROVIDER_UPDATED', model_provider_id: id, project_id: row.project_id },
      nowMs,
    )
    return row
  })
  deps.notifier.notify(current.organization_id)
}

/**
 * The project's credentials as `providers[]` slots with credentials opened. Only the signed
 * internal `/config` route calls this.
 *
 * @example
 * const providers = await loadProviderSlots(deps, projectId)
 */
export async function loadProviderSlots(
  deps: Pick<ControlPlaneDeps, 'db' | 'box'>,
  projectId: string,
): Promise<ProviderSlot[]> {
  const { rows } = await deps.db.query<ProviderCredentialRow>(
    `select ${columns} from provider_credentials where project_id = $1 order by id`,
    [projectId],
  )
  return rows.map((row) => {
    const slot: ProviderSlot = {
      id: row.id,
      type: toWireProviderType(row.type),
      handle: row.name,
      credentials: JSON.parse(deps.box.open(row.credentials_sealed, row.id)) as ProviderSlot['credentials'],
      models: row.models,
    }
    if (row.base_url !== null) slot.base_url = row.base_url
    if (row.deployment_map !== null) slot.deployment_map = row.deployment_map
    if (row.price_overrides !== null) slot.price_overrides = row.price_overrides
    return slot
  })
}
