// Admin routes of a project's traces: its trace settings and the recent spans the bridge kept.
import { Hono } from 'hono'
import * as v from 'valibot'
import { parseJsonBody } from '../http/parse-body.js'
import type { ControlPlaneDeps } from '../shared/deps.js'
import { getProjectRecord } from '../tenancy/projects.js'
import { putProjectTraceSettings, viewProjectTraceSettings } from '../traces/project-trace-settings.js'
import type { RecentSpans } from '../traces/recent-spans.js'

const httpUrl = v.pipe(
  v.string(),
  v.url('must be a URL'),
  v.regex(/^https?:\/\//, 'must be an http:// or https:// URL'),
)
const headerName = v.pipe(v.string(), v.regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, 'must be an HTTP header name'))
const putTraceSettingsSchema = v.strictObject({
  endpoint: v.optional(v.nullable(httpUrl)),
  headers: v.optional(v.record(headerName, v.pipe(v.string(), v.maxLength(4096)))),
  capture_content: v.optional(v.boolean()),
})

/**
 * Builds the routes (relative to /api/admin).
 *
 * @example
 * admin.route('/', createTraceRoutes(deps, recentSpans))
 */
export function createTraceRoutes(deps: ControlPlaneDeps, recent: RecentSpans): Hono {
  const routes = new Hono()
  routes.get('/projects/:id/trace-settings', async (c) =>
    c.json(await viewProjectTraceSettings(deps.db, deps.box, c.req.param('id'))),
  )
  routes.put('/projects/:id/trace-settings', async (c) =>
    c.json(
      await putProjectTraceSettings(
        deps.db,
        deps.box,
        c.req.param('id'),
        parseJsonBody(putTraceSettingsSchema, await c.req.text()),
        deps.now(),
      ),
    ),
  )
  routes.get('/projects/:id/spans', async (c) => {
    const project = await getProjectRecord(deps.db, c.req.param('id'))
    return c.json({ data: recent.list(project.id) })
  })
  return routes
}
