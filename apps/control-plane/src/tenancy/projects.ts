// Projects: where keys and provider credentials live; optionally in a team; optional per-tenant OTLP token.
import { GatewayError } from '@gw/contract'
import type { SecretBox } from '../crypto/secret-box.js'
import type { Queryable } from '../db/database.js'
import { newId } from '../shared/ids.js'
import { rethrowConflict } from '../shared/sql-errors.js'
import { toIso } from '../shared/time.js'
import { getOrganization } from './organizations.js'
import { getTeam } from './teams.js'

/** A project as the admin API shows it (the OTLP token only as a flag). */
export interface Project {
  id: string
  organization_id: string
  team_id: string | null
  name: string
  has_otlp_token: boolean
  created_at: string
}

/** A project row with its sealed OTLP token, for internal use. */
export interface ProjectRecord {
  id: string
  organization_id: string
  team_id: string | null
  name: string
  otlp_token_sealed: string | null
  created_at: Date
}

const columns = 'id, organization_id, team_id, name, otlp_token_sealed, created_at'

function toProject(row: ProjectRecord): Project {
  return {
    id: row.id,
    organization_id: row.organization_id,
    team_id: row.team_id,
    name: row.name,
    has_otlp_token: row.otlp_token_sealed !== null,
    created_at: toIso(row.created_at) ?? '',
  }
}

/** Fields to create a project. */
export interface CreateProjectInput {
  organization_id: string
  team_id?: string | null | undefined
  name: string
  /** Token the gateway uses to export this project's traces; sealed at rest. */
  otlp_token?: string | undefined
}

/**
 * Creates a project; 404 when the organization or team is unknown (or the team belongs to
 * another organization), 409 when the name is taken.
 *
 * @example
 * await createProject(db, box, { organization_id: org.id, name: 'chatbot' }, Date.now())
 */
export async function createProject(
  db: Queryable,
  box: SecretBox,
  input: CreateProjectInput,
  nowMs: number,
): Promise<Project> {
  await getOrganization(db, input.organization_id)
  const teamId = input.team_id ?? null
  if (teamId !== null) {
    const team = await getTeam(db, teamId)
    if (team.organization_id !== input.organization_id) {
      throw new GatewayError(
        'not_found',
        `Team "${teamId}" not found in organization "${input.organization_id}"`,
        {
          meta: { field: 'team_id' },
        },
      )
    }
  }
  const id = newId('proj', nowMs)
  const sealed = input.otlp_token === undefined ? null : box.seal(input.otlp_token, id)
  const now = new Date(nowMs)
  const { rows } = await db
    .query<ProjectRecord>(
      `insert into projects (id, organization_id, team_id, name, otlp_token_sealed, created_at, updated_at)
       values ($1, $2, $3, $4, $5, $6, $6) returning ${columns}`,
      [id, input.organization_id, teamId, input.name, sealed, now],
    )
    .catch(
      rethrowConflict(`A project named "${input.name}" already exists in this organization`, {
        field: 'name',
      }),
    )
  return toProject(rows[0] as ProjectRecord)
}

/** Projects, optionally of one organization, oldest first. */
export async function listProjects(
  db: Queryable,
  filter: { organization_id?: string | undefined },
): Promise<Project[]> {
  const { rows } = await db.query<ProjectRecord>(
    `select ${columns} from projects where ($1::text is null or organization_id = $1) order by id`,
    [filter.organization_id ?? null],
  )
  return rows.map(toProject)
}

/** One project row (with the sealed token); 404 `not_found` when absent. */
export async function getProjectRecord(db: Queryable, id: string): Promise<ProjectRecord> {
  const { rows } = await db.query<ProjectRecord>(`select ${columns} from projects where id = $1`, [id])
  const row = rows[0]
  if (row === undefined) throw new GatewayError('not_found', `Project "${id}" not found`, { meta: { id } })
  return row
}

/** One project as the admin API shows it; 404 `not_found` when absent. */
export async function getProject(db: Queryable, id: string): Promise<Project> {
  return toProject(await getProjectRecord(db, id))
}
