// Admin routes for routing policies: create, list, show, update, delete.
import { Hono } from 'hono'
import * as v from 'valibot'
import { parseJsonBody, validate } from '../http/parse-body.js'
import { createRoutingPolicySchema, updateRoutingPolicySchema } from '../routing/routing-policy-input.js'
import {
  createRoutingPolicy,
  deleteRoutingPolicy,
  getRoutingPolicy,
  listRoutingPolicies,
  updateRoutingPolicy,
} from '../routing/routing-policy-store.js'
import type { ControlPlaneDeps } from '../shared/deps.js'

const listSchema = v.object({ project_id: v.optional(v.pipe(v.string(), v.minLength(1))) })

/**
 * Builds the routing policy admin routes (relative to /api/admin).
 *
 * @example
 * admin.route('/', createRoutingPolicyRoutes(deps))
 */
export function createRoutingPolicyRoutes(deps: ControlPlaneDeps): Hono {
  const routes = new Hono()
  routes.post('/routing-policies', async (c) =>
    c.json(
      await createRoutingPolicy(deps, parseJsonBody(createRoutingPolicySchema, await c.req.text())),
      201,
    ),
  )
  routes.get('/routing-policies', async (c) =>
    c.json({ data: await listRoutingPolicies(deps.db, validate(listSchema, c.req.query()).project_id) }),
  )
  routes.get('/routing-policies/:id', async (c) => c.json(await getRoutingPolicy(deps.db, c.req.param('id'))))
  routes.patch('/routing-policies/:id', async (c) =>
    c.json(
      await updateRoutingPolicy(
        deps,
        c.req.param('id'),
        parseJsonBody(updateRoutingPolicySchema, await c.req.text()),
      ),
    ),
  )
  routes.delete('/routing-policies/:id', async (c) => {
    await deleteRoutingPolicy(deps, c.req.param('id'))
    return c.body(null, 204)
  })
  return routes
}
