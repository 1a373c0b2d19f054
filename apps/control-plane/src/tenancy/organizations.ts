// Organizations: the tenant root and owner of a change feed.
import { GatewayError } from '@gw/contract'
import type { Queryable } from '../db/database.js'
import { newId } from '../shared/ids.js'
import { rethrowConflict } from '../shared/sql-errors.js'
import { toIso } from '../shared/time.js'

/** An organization as the admin API shows it. */
export interface Organization {
  id: string
  name: string
  slug: string
  change_revision: number
  created_at: string
}

interface OrganizationRow {
  id: string
  name: string
  slug: string
  change_revision: number
  created_at: Date
}

const columns = 'id, name, slug, change_revision, created_at'

function toOrganization(row: OrganizationRow): Organization {
  return { ...row, change_revision: Number(row.change_revision), created_at: toIso(row.created_at) ?? '' }
}

/** Derives a URL-safe slug from a name ("Acme Corp" → "acme-corp"). */
function slugify(name: string): string {
  const slug = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
  return slug === '' ? 'org' : slug.slice(0, 64)
}

/**
 * Creates an organization; 409 `conflict` when the slug is taken.
 *
 * @example
 * await createOrganization(db, { name: 'Acme' }, Date.now())
 */
export async function createOrganization(
  db: Queryable,
  input: { name: string; slug?: string | undefined },
  nowMs: number,
): Promise<Organization> {
  const slug = input.slug ?? slugify(input.name)
  const now = new Date(nowMs)
  const { rows } = await db
    .query<OrganizationRow>(
      `insert into organizations (id, name, slug, created_at, updated_at) values ($1, $2, $3, $4, $4) returning ${columns}`,
      [newId('org', nowMs), input.name, slug, now],
    )
    .catch(rethrowConflict(`An organization with slug "${slug}" already exists`, { field: 'slug' }))
  return toOrganization(rows[0] as OrganizationRow)
}

/** Every organization, oldest first. */
export async function listOrganizations(db: Queryable): Promise<Organization[]> {
  const { rows } = await db.query<OrganizationRow>(`select ${columns} from organizations order by id`)
  return rows.map(toOrganization)
}

/** One organization; 404 `not_found` when absent. */
export async function getOrganization(db: Queryable, id: string): Promise<Organization> {
  const { rows } = await db.query<OrganizationRow>(`select ${columns} from organizations where id = $1`, [id])
  const row = rows[0]
  if (row === undefined)
    throw new GatewayError('not_found', `Organization "${id}" not found`, { meta: { id } })
  return toOrganization(row)
}
