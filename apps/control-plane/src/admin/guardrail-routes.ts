// Admin routes for guardrails and their attachments to projects and keys.
import { Hono } from 'hono'
import * as v from 'valibot'
import {
  attachGuardrailSchema,
  createGuardrailSchema,
  updateGuardrailSchema,
} from '../guardrails/guardrail-input.js'
import {
  attachGuardrail,
  createGuardrail,
  deleteGuardrail,
  detachGuardrail,
  getGuardrail,
  listAttachments,
  listGuardrails,
  updateGuardrail,
} from '../guardrails/guardrail-store.js'
import { parseJsonBody, validate } from '../http/parse-body.js'
import type { ControlPlaneDeps } from '../shared/deps.js'

const listSchema = v.object({ organization_id: v.optional(v.pipe(v.string(), v.minLength(1))) })

/**
 * Builds the guardrail admin routes (relative to /api/admin).
 *
 * @example
 * admin.route('/', createGuardrailRoutes(deps))
 */
export function createGuardrailRoutes(deps: ControlPlaneDeps): Hono {
  const routes = new Hono()
  routes.post('/guardrails', async (c) =>
    c.json(await createGuardrail(deps, parseJsonBody(createGuardrailSchema, await c.req.text())), 201),
  )
  routes.get('/guardrails', async (c) =>
    c.json({ data: await listGuardrails(deps.db, validate(listSchema, c.req.query()).organization_id) }),
  )
  routes.get('/guardrails/:id', async (c) => c.json(await getGuardrail(deps.db, c.req.param('id'))))
  routes.patch('/guardrails/:id', async (c) =>
    c.json(
      await updateGuardrail(
        deps,
        c.req.param('id'),
        parseJsonBody(updateGuardrailSchema, await c.req.text()),
      ),
    ),
  )
  routes.delete('/guardrails/:id', async (c) => {
    await deleteGuardrail(deps, c.req.param('id'))
    return c.body(null, 204)
  })
  routes.get('/guardrails/:id/attachments', async (c) =>
    c.json({ data: await listAttachments(deps.db, (await getGuardrail(deps.db, c.req.param('id'))).id) }),
  )
  routes.post('/guardrails/:id/attachments', async (c) =>
    c.json(
      await attachGuardrail(
        deps,
        c.req.param('id'),
        parseJsonBody(attachGuardrailSchema, await c.req.text()),
      ),
      201,
    ),
  )
  routes.delete('/guardrails/:id/attachments', async (c) => {
    await detachGuardrail(deps, c.req.param('id'), validate(attachGuardrailSchema, c.req.query()))
    return c.body(null, 204)
  })
  return routes
}
