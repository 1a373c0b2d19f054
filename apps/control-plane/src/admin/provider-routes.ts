// Admin routes for provider credentials: written in full, only ever read back masked.
import { Hono } from 'hono'
import * as v from 'valibot'
import { parseJsonBody, validate } from '../http/parse-body.js'
import {
  createProviderCredentialSchema,
  updateProviderCredentialSchema,
} from '../providers/provider-credential-input.js'
import {
  createProviderCredential,
  deleteProviderCredential,
  getProviderCredential,
  listProviderCredentials,
  updateProviderCredential,
} from '../providers/provider-credentials.js'
import type { ControlPlaneDeps } from '../shared/deps.js'

const id = v.pipe(v.string(), v.minLength(1, 'must not be empty'))
const listSchema = v.object({ organization_id: v.optional(id), project_id: v.optional(id) })

/**
 * Builds the provider-credential admin routes (relative to /api/admin).
 *
 * @example
 * admin.route('/', createProviderRoutes(deps))
 */
export function createProviderRoutes(deps: ControlPlaneDeps): Hono {
  const routes = new Hono()
  routes.post('/provider-credentials', async (c) =>
    c.json(
      await createProviderCredential(deps, parseJsonBody(createProviderCredentialSchema, await c.req.text())),
      201,
    ),
  )
  routes.get('/provider-credentials', async (c) =>
    c.json({ data: await listProviderCredentials(deps.db, validate(listSchema, c.req.query())) }),
  )
  routes.get('/provider-credentials/:id', async (c) =>
    c.json(await getProviderCredential(deps.db, c.req.param('id'))),
  )
  routes.patch('/provider-credentials/:id', async (c) =>
    c.json(
      await updateProviderCredential(
        deps,
        c.req.param('id'),
        parseJsonBody(updateProviderCredentialSchema, await c.req.text()),
      ),
    ),
  )
  routes.delete('/provider-credentials/:id', async (c) => {
    await deleteProviderCredential(deps, c.req.param('id'))
    return c.body(null, 204)
  })
  return routes
}
