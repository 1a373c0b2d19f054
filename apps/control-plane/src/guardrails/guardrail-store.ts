// Guardrails and attachments in the database; every write appends GUARDRAIL_UPDATED so gateways refetch.
import { GatewayError } from '@gw/contract'
import { appendChange } from '../changes/change-log.js'
import type { Queryable } from '../db/database.js'
import { getVirtualKeyRecord } from '../keys/virtual-key-store.js'
import type { ControlPlaneDeps } from '../shared/deps.js'
import { newId } from '../shared/ids.js'
import { rethrowConflict } from '../shared/sql-errors.js'
import { getProjectRecord } from '../tenancy/projects.js'
import {
  type AttachGuardrailInput,
  type CreateGuardrailInput,
  checkGuardrailSettings,
  type GuardrailStageName,
  type UpdateGuardrailInput,
} from './guardrail-input.js'

/** A guardrail as stored and shown. */
export interface Guardrail {
  id: string
  organization_id: string
  name: string
  evaluator: string
  directions: GuardrailStageName[]
  failure_mode: 'fail_open' | 'fail_closed'
  settings: Record<string, unknown>
  created_at: string
  updated_at: string
}

/** One attachment of a guardrail to a project or a key. */
export interface GuardrailAttachmentRow {
  guardrail_id: string
  project_id: string | null
  virtual_key_id: string | null
  directions: GuardrailStageName[]
}

type Deps = Pick<ControlPlaneDeps, 'db' | 'notifier' | 'now'>
const columns =
  'id, organization_id, name, evaluator, directions, failure_mode, settings, created_at, updated_at'

function toGuardrail(row: Record<string, unknown>): Guardrail {
  const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : String(value))
  return {
    ...(row as unknown as Guardrail),
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
  }
}

async function touch(tx: Queryable, organizationId: string, nowMs: number): Promise<void> {
  await appendChange(tx, organizationId, { kind: 'GUARDRAIL_UPDATED' }, nowMs)
}

/** Creates a guardrail after checking its settings run with its evaluator. */
export async function createGuardrail(deps: Deps, input: CreateGuardrailInput): Promise<Guardrail> {
  checkGuardrailSettings(input.evaluator, input.settings)
  const nowMs = deps.now()
  const row = await deps.db.transaction(async (tx) => {
    const { rows } = await tx
      .query(
        `insert into guardrails (${columns}) values ($1, $2, $3, $4, $5, $6, $7, $8, $8) returning ${columns}`,
        [
          newId('gr', nowMs),
          input.organization_id,
          input.name,
          input.evaluator,
          JSON.stringify(input.directions),
          input.failure_mode,
          JSON.stringify(input.settings),
          new Date(nowMs),
        ],
      )
      .catch(rethrowConflict(`A guardrail named "${input.name}" already exists`, { field: 'name' }))
    await touch(tx, input.organization_id, nowMs)
    return rows[0]!
  })
  deps.notifier.notify(input.organization_id)
  return toGuardrail(row)
}

/** Guardrails of an organisation (or all), oldest first. */
export async function listGuardrails(
  db: Queryable,
  organizationId: string | undefined,
): Promise<Guardrail[]> {
  const { rows } = await db.query(
    `select ${columns} from guardrails where ($1::text is null or organization_id = $1) order by id`,
    [organizationId ?? null],
  )
  return rows.map(toGuardrail)
}

/** One guardrail; 404 `not_found` when absent. */
export async function getGuardrail(db: Queryable, id: string): Promise<Guardrail> {
  const { rows } = await db.query(`select ${columns} from guardrails where id = $1`, [id])
  if (rows[0] === undefined)
    throw new GatewayError('not_found', `Guardrail "${id}" not found`, { meta: { id } })
  return toGuardrail(rows[0])
}

/** Updates the given fields; the settings are checked against the evaluator again. */
export async function updateGuardrail(
  deps: Deps,
  id: string,
  input: UpdateGuardrailInput,
): Promise<Guardrail> {
  const current = await getGuardrail(deps.db, id)
  const next = {
    ...current,
    ...Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)),
  }
  checkGuardrailSettings(next.evaluator, next.settings)
  const nowMs = deps.now()
  const row = await deps.db.transaction(async (tx) => {
    const { rows } = await tx
      .query(
        `update guardrails set name = $2, directions = $3, failure_mode = $4, settings = $5, updated_at = $6
         where id = $1 returning ${columns}`,
        [
          id,
          next.name,
          JSON.stringify(next.directions),
          next.failure_mode,
          JSON.stringify(next.settings),
          new Date(nowMs),
        ],
      )
      .catch(rethrowConflict(`A guardrail named "${next.name}" already exists`, { field: 'name' }))
    await touch(tx, current.organization_id, nowMs)
    return rows[0]!
  })
  deps.notifier.notify(current.organization_id)
  return toGuardrail(row)
}

/** Deletes a guardrail and its attachments. */
export async function deleteGuardrail(deps: Deps, id: string): Promise<void> {
  const current = await getGuardrail(deps.db, id)
  await deps.db.transaction(async (tx) => {
    await tx.query('delete from guardrails where id = $1', [id])
    await touch(tx, current.organization_id, deps.now())
  })
  deps.notifier.notify(current.organization_id)
}

/** Attaches a guardrail to a project or a key of its organisation (again: replaces the directions). */
export async function attachGuardrail(
  deps: Deps,
  id: string,
  input: AttachGuardrailInput,
): Promise<GuardrailAttachmentRow> {
  const guardrail = await getGuardrail(deps.db, id)
  const target =
    input.project_id !== undefined
      ? await getProjectRecord(deps.db, input.project_id)
      : await getVirtualKeyRecord(deps.db, input.virtual_key_id!)
  if (target.organization_id !== guardrail.organization_id)
    throw new GatewayError(
      'bad_request',
      'The guardrail and the project or key belong to different organizations',
    )
  const attachment: GuardrailAttachmentRow = {
    guardrail_id: id,
    project_id: input.project_id ?? null,
    virtual_key_id: input.virtual_key_id ?? null,
    directions: input.directions ?? guardrail.directions,
  }
  const nowMs = deps.now()
  await deps.db.transaction(async (tx) => {
    await tx.query(
      `delete from guardrail_attachments where guardrail_id = $1 and coalesce(project_id, '') = coalesce($2, '')
       and coalesce(virtual_key_id, '') = coalesce($3, '')`,
      [id, attachment.project_id, attachment.virtual_key_id],
    )
    await tx.query(
      `insert into guardrail_attachments (guardrail_id, project_id, virtual_key_id, directions, created_at)
       values ($1, $2, $3, $4, $5)`,
      [
        id,
        attachment.project_id,
        attachment.virtual_key_id,
        JSON.stringify(attachment.directions),
        new Date(nowMs),
      ],
    )
    await touch(tx, guardrail.organization_id, nowMs)
  })
  deps.notifier.notify(guardrail.organization_id)
  return attachment
}

/** Attachments of a guardrail. */
export async function listAttachments(db: Queryable, id: string): Promise<GuardrailAttachmentRow[]> {
  const { rows } = await db.query<GuardrailAttachmentRow>(
    'select guardrail_id, project_id, virtual_key_id, directions from guardrail_attachments where guardrail_id = $1 order by created_at',
    [id],
  )
  return rows
}

/** Removes the attachment of a guardrail to a project or key. */
export async function detachGuardrail(deps: Deps, id: string, input: AttachGuardrailInput): Promise<void> {
  const guardrail = await getGuardrail(deps.db, id)
  await deps.db.transaction(async (tx) => {
    await tx.query(
      `delete from guardrail_attachments where guardrail_id = $1 and coalesce(project_id, '') = coalesce($2, '')
       and coalesce(virtual_key_id, '') = coalesce($3, '')`,
      [id, input.project_id ?? null, input.virtual_key_id ?? null],
    )
    await touch(tx, guardrail.organization_id, deps.now())
  })
  deps.notifier.notify(guardrail.organization_id)
}
