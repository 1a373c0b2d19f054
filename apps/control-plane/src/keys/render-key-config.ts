// One key's config document as /config and /bootstrap send it: the key's own part, the project's
// shared part (credentials, OTLP token), and one ETag over both that the two routes agree on.
import { createHash } from 'node:crypto'
import type { BudgetConfig, GatewayKeyConfig, ProviderSlot } from '@gw/contract'
import { loadProjectGuardrails, type ProjectGuardrails } from '../guardrails/key-guardrails.js'
import { loadProviderSlots } from '../providers/provider-credentials.js'
import {
  loadProjectRoutingPolicies,
  type ProjectRoutingPolicies,
} from '../routing/project-routing-policies.js'
import type { ControlPlaneDeps } from '../shared/deps.js'
import { getProjectRecord } from '../tenancy/projects.js'
import type { KeyConfigKey } from './build-key-config.js'
import { renderKeyParts, type TemplateCache } from './key-config-parts.js'

/** What every key of one project shares in its config: opened credentials and OTLP token. */
export interface ProjectConfigParts {
  projectOtlpToken: string | null
  providers: ProviderSlot[]
  /** The organisation's guardrails and the attachments to this project and its keys. */
  guardrails: ProjectGuardrails
  /** The project's routing policies (a key's `routing_policy`). */
  routingPolicies: ProjectRoutingPolicies
  /** SHA-256 of the two as JSON: part of every key's ETag, so a credential change changes it. */
  digest: string
}

/** The key's own part of its config: everything but `providers` and `project_otlp_token`. */
export type OwnKeyConfig = Omit<GatewayKeyConfig, 'providers' | 'project_otlp_token'> & { status: string }

/** A rendered own part: the object, its JSON text, and the ETag of the whole document. */
export interface RenderedOwnConfig {
  own: OwnKeyConfig
  json: string
  etag: string
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url')

/**
 * Loads a project's shared config parts (decrypting its credentials).
 *
 * @example
 * const parts = await loadProjectConfigParts(deps, key.project_id)
 */
export async function loadProjectConfigParts(
  deps: Pick<ControlPlaneDeps, 'db' | 'box'>,
  projectId: string,
): Promise<ProjectConfigParts> {
  const project = await getProjectRecord(deps.db, projectId)
  const projectOtlpToken =
    project.otlp_token_sealed === null ? null : deps.box.open(project.otlp_token_sealed, project.id)
  const providers = await loadProviderSlots(deps, projectId)
  const guardrails = await loadProjectGuardrails(deps.db, project.organization_id, projectId)
  const routingPolicies = await loadProjectRoutingPolicies(deps.db, projectId)
  return {
    projectOtlpToken,
    providers,
    guardrails,
    routingPolicies,
    digest: sha256(JSON.stringify({ projectOtlpToken, providers })),
  }
}

/**
 * Renders the key's own part at `nowMs` (everything but the project parts), serialised once,
 * with the document's ETag ({@link renderKeyParts}). A gateway primed by /bootstrap revalidates
 * against /config with a 304. Pass one `cache` for the keys of one page.
 *
 * @example
 * const { json, etag } = renderOwnKeyConfig(key, parts, deps.now())
 */
export function renderOwnKeyConfig(
  key: KeyConfigKey,
  parts: ProjectConfigParts,
  nowMs: number,
  budgets: BudgetConfig[] = [],
  cache?: TemplateCache,
): RenderedOwnConfig {
  const rendered = renderKeyParts(key, parts, nowMs, budgets, cache)
  return {
    own: { ...rendered.template.value, ...rendered.own },
    json: joinJsonObjects(JSON.stringify(rendered.own), rendered.template.json),
    etag: rendered.etag,
  }
}

// `{"a":1}` and `{"b":2}` → `{"a":1,"b":2}`, without parsing either.
function joinJsonObjects(first: string, second: string): string {
  if (second === '{}') return first
  if (first === '{}') return second
  return `${first.slice(0, -1)},${second.slice(1)}`
}

/**
 * The whole document /config sends, with its ETag.
 *
 * @example
 * const { body, etag } = renderKeyConfig(key, await loadProjectConfigParts(deps, key.project_id), deps.now())
 */
export function renderKeyConfig(
  key: KeyConfigKey,
  parts: ProjectConfigParts,
  nowMs: number,
  budgets: BudgetConfig[] = [],
): { body: string; etag: string } {
  const { json, etag } = renderOwnKeyConfig(key, parts, nowMs, budgets)
  const shared = JSON.stringify({ project_otlp_token: parts.projectOtlpToken, providers: parts.providers })
  return { body: joinJsonObjects(json, shared), etag }
}
