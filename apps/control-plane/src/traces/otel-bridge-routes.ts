// The customer trace bridge, mounted at /api/otel: POST /v1/traces with the project's X-Auth-Token.
import { GatewayError } from '@gw/contract'
import { Hono } from 'hono'
import type { ControlPlaneDeps } from '../shared/deps.js'
import { forwardOtlp } from './forward-otlp.js'
import { createProjectTokenIndex } from './project-token-index.js'
import { getProjectTraceSettings } from './project-trace-settings.js'
import type { RecentSpans } from './recent-spans.js'

const jsonType = 'application/json'
const protobufType = 'application/x-protobuf'

interface OtlpJsonExport {
  resourceSpans?: Array<{
    resource?: unknown
    scopeSpans?: Array<{ scope?: unknown; spans?: unknown[] }>
  }>
}

function spansOf(body: ArrayBuffer): unknown[] {
  let parsed: OtlpJsonExport
  try {
    parsed = JSON.parse(new TextDecoder().decode(body)) as OtlpJsonExport
  } catch {
    throw new GatewayError('invalid_json', 'The OTLP export is not valid JSON')
  }
  const spans: unknown[] = []
  for (const resourceSpans of parsed.resourceSpans ?? [])
    for (const scopeSpans of resourceSpans.scopeSpans ?? [])
      for (const span of scopeSpans.spans ?? [])
        spans.push({ resource: resourceSpans.resource, scope: scopeSpans.scope, span })
  return spans
}

/**
 * Builds the bridge. The token selects the project; its trace settings decide where the export
 * goes: the configured OTLP destination (headers added, answer relayed), or, with none set, the
 * in-memory store of recent spans the admin API shows (OTLP/JSON only).
 *
 * @example
 * app.route('/api/otel', createOtelBridgeRoutes(deps, createRecentSpans()))
 */
export function createOtelBridgeRoutes(deps: ControlPlaneDeps, recent: RecentSpans): Hono {
  const tokens = createProjectTokenIndex({ db: deps.db, box: deps.box, now: deps.now })
  const routes = new Hono()
  routes.post('/v1/traces', async (c) => {
    const projectId = await tokens.resolve(c.req.header('x-auth-token') ?? '')
    if (projectId === undefined)
      throw new GatewayError('unauthorized', "Send the project's OTLP token in the X-Auth-Token header")
    const contentType = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
    if (contentType !== jsonType && contentType !== protobufType)
      throw new GatewayError('unsupported_media_type', `Send OTLP as ${jsonType} or ${protobufType}`)
    const body = await c.req.arrayBuffer()
    const settings = await getProjectTraceSettings(deps.db, deps.box, projectId)
    if (settings.endpoint !== null) {
      const answer = await forwardOtlp({
        endpoint: settings.endpoint,
        headers: settings.headers,
        contentType,
        body,
      })
      return c.body(answer.body, answer.status as 200, { 'content-type': answer.contentType })
    }
    if (contentType !== jsonType)
      throw new GatewayError(
        'unsupported_media_type',
        'This project has no trace destination: set one (PUT /api/admin/projects/:id/trace-settings) or send OTLP/JSON to keep recent spans',
      )
    recent.add(projectId, spansOf(body))
    return c.json({ partialSuccess: {} })
  })
  return routes
}
