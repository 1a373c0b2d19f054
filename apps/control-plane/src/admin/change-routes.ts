// Admin route for an organization's change feed as an activity list (newest first).
import { Hono } from 'hono'
import * as v from 'valibot'
import { listRecentChanges } from '../changes/list-recent-changes.js'
import { validate } from '../http/parse-body.js'
import type { ControlPlaneDeps } from '../shared/deps.js'
import { getOrganization } from '../tenancy/organizations.js'

const querySchema = v.object({
  organization_id: v.pipe(v.string(), v.minLength(1, 'must not be empty')),
  limit: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d+$/, 'must be a whole number'),
      v.transform(Number),
      v.minValue(1, 'must be at least 1'),
      v.maxValue(500, 'must be at most 500'),
    ),
    '50',
  ),
})

/**
 * Builds `GET /changes?organization_id&limit` (relative to /api/admin): `{data: [...]}`, 404 for an unknown organization.
 *
 * @example
 * admin.route('/', createChangeRoutes(deps))
 */
export function createChangeRoutes(deps: ControlPlaneDeps): Hono {
  const routes = new Hono()
  routes.get('/changes', async (c) => {
    const query = validate(querySchema, c.req.query())
    await getOrganization(deps.db, query.organization_id)
    return c.json({ data: await listRecentChanges(deps.db, query.organization_id, query.limit) })
  })
  return routes
}
