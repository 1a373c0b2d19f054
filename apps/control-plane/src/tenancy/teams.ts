// Teams: optional grouping of projects inside an organization (a budget and attribution scope).
import { GatewayError } from '@gw/contract'
import type { Queryable } from '../db/database.js'
import { newId } from '../shared/ids.js'
import { rethrowConflict } from '../shared/sql-errors.js'
import { toIso } from '../shared/time.js'
import { getOrganization } from './organizations.js'

/** A team as the admin API shows it. */
export interface Team {
  id: string
  organization_id: string
  name: string
  created_at: string
}

interface TeamRow {
  id: string
  organization_id: string
  name: string
  created_at: Date
}

const columns = 'id, organization_id, name, created_at'

function toTeam(row: TeamRow): Team {
  return { ...row, created_at: toIso(row.created_at) ?? '' }
}

/**
 * Creates a team; 404 when the organization is unknown, 409 when the name is taken in it.
 *
 * @example
 * await createTeam(db, { organization_id: org.id, name: 'platform' }, Date.now())
 */
export async function createTeam(
  db: Queryable,
  input: { organization_id: string; name: string },
  nowMs: number,
): Promise<Team> {
  await getOrganization(db, input.organization_id)
  const { rows } = await db
    .query<TeamRow>(
      `insert into teams (id, organization_id, name, created_at) values ($1, $2, $3, $4) returning ${columns}`,
      [newId('team', nowMs), input.organization_id, input.name, new Date(nowMs)],
    )
    .catch(
      rethrowConflict(`A team named "${input.name}" already exists in this organization`, { field: 'name' }),
    )
  return toTeam(rows[0] as TeamRow)
}

/** Teams, optionally of one organization, oldest first. */
export async function listTeams(
  db: Queryable,
  filter: { organization_id?: string | undefined },
): Promise<Team[]> {
  const { rows } = await db.query<TeamRow>(
    `select ${columns} from teams where ($1::text is null or organization_id = $1) order by id`,
    [filter.organization_id ?? null],
  )
  return rows.map(toTeam)
}

/** One team; 404 `not_found` when absent. */
export async function getTeam(db: Queryable, id: string): Promise<Team> {
  const { rows } = await db.query<TeamRow>(`select ${columns} from teams where id = $1`, [id])
  const row = rows[0]
  if (row === undefined) throw new GatewayError('not_found', `Team "${id}" not found`, { meta: { id } })
  return toTeam(row)
}
