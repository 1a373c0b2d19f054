// Admin routes for virtual keys: create and rotate return the full key once; nothing else ever does.
import { Hono } from 'hono'
import * as v from 'valibot'
import { parseJsonBody, validate } from '../http/parse-body.js'
import { keyPolicyInputSchema } from '../keys/key-policy.js'
import {
  createVirtualKey,
  rotateVirtualKey,
  setVirtualKeyStatus,
  updateVirtualKey,
} from '../keys/virtual-key-service.js'
import { getVirtualKeyRecord, listVirtualKeyRecords, toVirtualKey } from '../keys/virtual-key-store.js'
import type { ControlPlaneDeps } from '../shared/deps.js'

const id = v.pipe(v.string(), v.minLength(1, 'must not be empty'))
const name = v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(200))
const expiresAt = v.optional(v.nullable(v.pipe(v.string(), v.isoTimestamp('must be an ISO-8601 timestamp'))))

const createKeySchema = v.strictObject({
  project_id: id,
  principal_id: v.optional(v.nullable(id)),
  name,
  environment: v.optional(v.picklist(['live', 'test'])),
  expires_at: expiresAt,
  config: v.optional(keyPolicyInputSchema),
})
const updateKeySchema = v.strictObject({
  name: v.optional(name),
  expires_at: expiresAt,
  config: v.optional(keyPolicyInputSchema),
})
const rotateKeySchema = v.strictObject({
  /** Seconds the replaced secret keeps working; at most 30 days. */
  grace_seconds: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(30 * 86_400)), 0),
})
const listKeysSchema = v.object({ organization_id: v.optional(id), project_id: v.optional(id) })

/**
 * Builds the key admin routes (relative to /api/admin).
 *
 * @example
 * admin.route('/', createKeyRoutes(deps))
 */
export function createKeyRoutes(deps: ControlPlaneDeps): Hono {
  const routes = new Hono()
  routes.post('/virtual-keys', async (c) =>
    c.json(await createVirtualKey(deps, parseJsonBody(createKeySchema, await c.req.text())), 201),
  )
  routes.get('/virtual-keys', async (c) => {
    const records = await listVirtualKeyRecords(deps.db, validate(listKeysSchema, c.req.query()))
    const nowMs = deps.now()
    return c.json({ data: records.map((record) => toVirtualKey(record, nowMs)) })
  })
  routes.get('/virtual-keys/:id', async (c) =>
    c.json(toVirtualKey(await getVirtualKeyRecord(deps.db, c.req.param('id')), deps.now())),
  )
  routes.patch('/virtual-keys/:id', async (c) =>
    c.json(
      await updateVirtualKey(deps, c.req.param('id'), parseJsonBody(updateKeySchema, await c.req.text())),
    ),
  )
  for (const action of ['disable', 'enable', 'revoke'] as const) {
    routes.post(`/virtual-keys/:id/${action}`, async (c) =>
      c.json(await setVirtualKeyStatus(deps, c.req.param('id'), action)),
    )
  }
  routes.post('/virtual-keys/:id/rotate', async (c) => {
    const { grace_seconds } = parseJsonBody(rotateKeySchema, await c.req.text())
    return c.json(await rotateVirtualKey(deps, c.req.param('id'), { graceSeconds: grace_seconds }))
  })
  return routes
}
