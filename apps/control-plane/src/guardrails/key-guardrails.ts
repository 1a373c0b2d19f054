// The guardrails part of a key's config document: definitions with settings, and per-direction attachments.
import type { GuardrailAttachment, GuardrailConfig } from '@gw/contract'
import type { Queryable } from '../db/database.js'
import type { GuardrailStageName } from './guardrail-input.js'
import { type Guardrail, type GuardrailAttachmentRow, listGuardrails } from './guardrail-store.js'

/** A project's organisation guardrails and the attachments that concern its keys. */
export interface ProjectGuardrails {
  byId: ReadonlyMap<string, Guardrail>
  attachments: readonly GuardrailAttachmentRow[]
}

/** What a project without guardrails shares (no query result to keep). */
export const noProjectGuardrails: ProjectGuardrails = { byId: new Map(), attachments: [] }

/**
 * Loads, once per project, the organisation's guardrails and the attachments to the project or
 * to any of its keys.
 *
 * @example
 * const guardrails = await loadProjectGuardrails(db, project.organization_id, project.id)
 */
export async function loadProjectGuardrails(
  db: Queryable,
  organizationId: string,
  projectId: string,
): Promise<ProjectGuardrails> {
  const { rows } = await db.query<GuardrailAttachmentRow>(
    `select a.guardrail_id, a.project_id, a.virtual_key_id, a.directions from guardrail_attachments a
     left join virtual_keys k on k.id = a.virtual_key_id
     where a.project_id = $1 or k.project_id = $1 order by a.created_at`,
    [projectId],
  )
  const guardrails = await listGuardrails(db, organizationId)
  if (guardrails.length === 0) return noProjectGuardrails
  return { byId: new Map(guardrails.map((guardrail) => [guardrail.id, guardrail])), attachments: rows }
}

/**
 * The `guardrails` and `guardrail_attachments` of one key: attachments to its project, to the key,
 * and those of the key's own policy, grouped by direction; definitions of every guardrail named.
 *
 * @example
 * const { guardrails, guardrail_attachments } = keyGuardrails(project, key.id, key.project_id, policyAttachments)
 */
export function keyGuardrails(
  project: ProjectGuardrails,
  keyId: string,
  projectId: string,
  policyAttachments: readonly GuardrailAttachment[],
): { guardrails: GuardrailConfig[]; guardrail_attachments: GuardrailAttachment[] } {
  if (project.byId.size === 0) return { guardrails: [], guardrail_attachments: [...policyAttachments] }
  const byDirection = new Map<string, string[]>()
  const add = (direction: string, id: string) => {
    const ids = byDirection.get(direction) ?? []
    if (!ids.includes(id)) ids.push(id)
    byDirection.set(direction, ids)
  }
  for (const row of project.attachments) {
    if (row.project_id !== projectId && row.virtual_key_id !== keyId) continue
    for (const direction of row.directions) add(direction, row.guardrail_id)
  }
  for (const attachment of policyAttachments) {
    for (const id of attachment.guardrail_ids) add(attachment.direction, id)
  }
  const named = new Set([...byDirection.values()].flat())
  const guardrails: GuardrailConfig[] = []
  for (const id of named) {
    const guardrail = project.byId.get(id)
    if (guardrail === undefined) continue
    guardrails.push({
      id,
      name: guardrail.name,
      evaluator: guardrail.evaluator,
      direction: guardrail.directions[0] as GuardrailStageName,
      failure_mode: guardrail.failure_mode,
      settings: guardrail.settings,
    })
  }
  const guardrail_attachments = [...byDirection].map(([direction, guardrail_ids]) => ({
    direction: direction as GuardrailAttachment['direction'],
    guardrail_ids,
  }))
  return { guardrails, guardrail_attachments }
}
