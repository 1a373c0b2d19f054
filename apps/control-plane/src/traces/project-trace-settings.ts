// A project's trace settings: OTLP destination (endpoint + sealed headers) and the content-capture flag.

import { maskSecret } from '../crypto/mask-secret.js'
import type { SecretBox } from '../crypto/secret-box.js'
import type { Queryable } from '../db/database.js'
import { toIso } from '../shared/time.js'
import { getProjectRecord } from '../tenancy/projects.js'

/** The settings with their headers opened, for the bridge. */
export interface ProjectTraceSettings {
  endpoint: string | null
  headers: Record<string, string>
  captureContent: boolean
}

/** The settings as the admin API shows them: header values masked. */
export interface ProjectTraceSettingsView {
  project_id: string
  endpoint: string | null
  headers: Record<string, string>
  capture_content: boolean
  updated_at: string | null
}

/** Fields of {@link putProjectTraceSettings}; omitted ones keep their value. */
export interface PutProjectTraceSettingsInput {
  endpoint?: string | null | undefined
  headers?: Record<string, string> | undefined
  capture_content?: boolean | undefined
}

interface SettingsRow {
  endpoint: string | null
  headers_sealed: string | null
  capture_content: boolean
  updated_at: Date | null
}

const none: ProjectTraceSettings = Object.freeze({ endpoint: null, headers: {}, captureContent: false })

/**
 * The project's settings (headers opened); defaults (no destination, no capture) when unset.
 *
 * @example
 * const { endpoint, headers } = await getProjectTraceSettings(db, box, 'proj_01')
 */
export async function getProjectTraceSettings(
  db: Queryable,
  box: SecretBox,
  projectId: string,
): Promise<ProjectTraceSettings> {
  const { rows } = await db.query<SettingsRow>(
    'select endpoint, headers_sealed, capture_content, updated_at from project_trace_settings where project_id = $1',
    [projectId],
  )
  const row = rows[0]
  if (row === undefined) return none
  const headers =
    row.headers_sealed === null
      ? {}
      : (JSON.parse(box.open(row.headers_sealed, projectId)) as Record<string, string>)
  return { endpoint: row.endpoint, headers, captureContent: row.capture_content }
}

function toView(
  projectId: string,
  settings: ProjectTraceSettings,
  updatedAt: Date | null,
): ProjectTraceSettingsView {
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(settings.headers)) headers[name] = maskSecret(value)
  return {
    project_id: projectId,
    endpoint: settings.endpoint,
    headers,
    capture_content: settings.captureContent,
    updated_at: toIso(updatedAt),
  }
}

/**
 * Updates a project's trace settings (404 when the project is unknown); headers are sealed.
 *
 * @example
 * await putProjectTraceSettings(db, box, 'proj_01', { endpoint: 'https://otlp.example', headers: { authorization: 'Bearer …' } }, Date.now())
 */
export async function putProjectTraceSettings(
  db: Queryable,
  box: SecretBox,
  projectId: string,
  input: PutProjectTraceSettingsInput,
  nowMs: number,
): Promise<ProjectTraceSettingsView> {
  await getProjectRecord(db, projectId)
  const current = await getProjectTraceSettings(db, box, projectId)
  const next: ProjectTraceSettings = {
    endpoint: input.endpoint === undefined ? current.endpoint : input.endpoint,
    headers: input.headers ?? current.headers,
    captureContent: input.capture_content ?? current.captureContent,
  }
  const sealed =
    Object.keys(next.headers).length === 0 ? null : box.seal(JSON.stringify(next.headers), projectId)
  const now = new Date(nowMs)
  await db.query(
    `insert into project_trace_settings (project_id, endpoint, headers_sealed, capture_content, updated_at)
     values ($1, $2, $3, $4, $5)
     on conflict (project_id) do update set endpoint = $2, headers_sealed = $3, capture_content = $4, updated_at = $5`,
    [projectId, next.endpoint, sealed, next.captureContent, now],
  )
  return toView(projectId, next, now)
}

/**
 * The settings as the admin API shows them (404 when the project is unknown).
 *
 * @example
 * c.json(await viewProjectTraceSettings(db, box, c.req.param('id')))
 */
export async function viewProjectTraceSettings(
  db: Queryable,
  box: SecretBox,
  projectId: string,
): Promise<ProjectTraceSettingsView> {
  await getProjectRecord(db, projectId)
  const { rows } = await db.query<{ updated_at: Date }>(
    'select updated_at from project_trace_settings where project_id = $1',
    [projectId],
  )
  return toView(projectId, await getProjectTraceSettings(db, box, projectId), rows[0]?.updated_at ?? null)
}
