// Principals: the users and services keys are issued to (attribution and a budget scope).
import { GatewayError } from '@gw/contract'
import type { Queryable } from '../db/database.js'
import { newId } from '../shared/ids.js'
import { rethrowConflict } from '../shared/sql-errors.js'
import { toIso } from '../shared/time.js'
import { getOrganization } from './organizations.js'

/** Whether a principal is a person or a workload. */
export type PrincipalKind = 'user' | 'service'

/** A principal as the admin API shows it. */
export interface Principal {
  id: string
  organization_id: string
  kind: PrincipalKind
  name: string
  email: string | null
  created_at: string
}

interface PrincipalRow extends Omit<Principal, 'created_at'> {
  created_at: Date
}

const columns = 'id, organization_id, kind, name, email, created_at'

function toPrincipal(row: PrincipalRow): Principal {
  return { ...row, created_at: toIso(row.created_at) ?? '' }
}

/**
 * Creates a principal; 404 when the organization is unknown, 409 when the name is taken.
 *
 * @example
 * await createPrincipal(db, { organization_id: org.id, kind: 'user', name: 'ada' }, Date.now())
 */
export async function createPrincipal(
  db: Queryable,
  input: { organization_id: string; kind: PrincipalKind; name: string; email?: string | undefined },
  nowMs: number,
): Promise<Principal> {
  await getOrganization(db, input.organization_id)
  const { rows } = await db
    .query<PrincipalRow>(
      `insert into principals (id, organization_id, kind, name, email, created_at)
       values ($1, $2, $3, $4, $5, $6) returning ${columns}`,
      [
        newId('prn', nowMs),
        input.organization_id,
        input.kind,
        input.name,
        input.email ?? null,
        new Date(nowMs),
      ],
    )
    .catch(
      rethrowConflict(`A principal named "${input.name}" already exists in this organization`, {
        field: 'name',
      }),
    )
  return toPrincipal(rows[0] as PrincipalRow)
}

/** Principals, optionally of one organization, oldest first. */
export async function listPrincipals(
  db: Queryable,
  filter: { organization_id?: string | undefined },
): Promise<Principal[]> {
  const { rows } = await db.query<PrincipalRow>(
    `select ${columns} from principals where ($1::text is null or organization_id = $1) order by id`,
    [filter.organization_id ?? null],
  )
  return rows.map(toPrincipal)
}

/** One principal; 404 `not_found` when absent. */
export async function getPrincipal(db: Queryable, id: string): Promise<Principal> {
  const { rows } = await db.query<PrincipalRow>(`select ${columns} from principals where id = $1`, [id])
  const row = rows[0]
  if (row === undefined) throw new GatewayError('not_found', `Principal "${id}" not found`, { meta: { id } })
  return toPrincipal(row)
}
