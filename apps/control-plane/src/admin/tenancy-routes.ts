// Admin routes for organizations, teams, projects and principals.
import { Hono } from 'hono'
import * as v from 'valibot'
import { parseJsonBody, validate } from '../http/parse-body.js'
import type { ControlPlaneDeps } from '../shared/deps.js'
import { createOrganization, getOrganization, listOrganizations } from '../tenancy/organizations.js'
import { createPrincipal, listPrincipals } from '../tenancy/principals.js'
import { createProject, getProject, listProjects } from '../tenancy/projects.js'
import { createTeam, listTeams } from '../tenancy/teams.js'

const name = v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(200))
const id = v.pipe(v.string(), v.minLength(1, 'must not be empty'))
const byOrganization = v.object({ organization_id: v.optional(id) })

const createOrganizationSchema = v.strictObject({
  name,
  slug: v.optional(
    v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be lowercase letters, digits or "-"')),
  ),
})
const createTeamSchema = v.strictObject({ organization_id: id, name })
const createProjectSchema = v.strictObject({
  organization_id: id,
  team_id: v.optional(v.nullable(id)),
  name,
  otlp_token: v.optional(v.pipe(v.string(), v.minLength(1))),
})
const createPrincipalSchema = v.strictObject({
  organization_id: id,
  kind: v.optional(v.picklist(['user', 'service']), 'user'),
  name,
  email: v.optional(v.pipe(v.string(), v.email())),
})

/**
 * Builds the tenancy admin routes (relative to /api/admin).
 *
 * @example
 * admin.route('/', createTenancyRoutes(deps))
 */
export function createTenancyRoutes(deps: ControlPlaneDeps): Hono {
  const routes = new Hono()
  routes.post('/organizations', async (c) =>
    c.json(
      await createOrganization(
        deps.db,
        parseJsonBody(createOrganizationSchema, await c.req.text()),
        deps.now(),
      ),
      201,
    ),
  )
  routes.get('/organizations', async (c) => c.json({ data: await listOrganizations(deps.db) }))
  routes.get('/organizations/:id', async (c) => c.json(await getOrganization(deps.db, c.req.param('id'))))

  routes.post('/teams', async (c) =>
    c.json(await createTeam(deps.db, parseJsonBody(createTeamSchema, await c.req.text()), deps.now()), 201),
  )
  routes.get('/teams', async (c) =>
    c.json({ data: await listTeams(deps.db, validate(byOrganization, c.req.query())) }),
  )

  routes.post('/projects', async (c) =>
    c.json(
      await createProject(
        deps.db,
        deps.box,
        parseJsonBody(createProjectSchema, await c.req.text()),
        deps.now(),
      ),
      201,
    ),
  )
  routes.get('/projects', async (c) =>
    c.json({ data: await listProjects(deps.db, validate(byOrganization, c.req.query())) }),
  )
  routes.get('/projects/:id', async (c) => c.json(await getProject(deps.db, c.req.param('id'))))

  routes.post('/principals', async (c) =>
    c.json(
      await createPrincipal(deps.db, parseJsonBody(createPrincipalSchema, await c.req.text()), deps.now()),
      201,
    ),
  )
  routes.get('/principals', async (c) =>
    c.json({ data: await listPrincipals(deps.db, validate(byOrganization, c.req.query())) }),
  )
  return routes
}
