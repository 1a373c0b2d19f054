// Splits a key's config document into the key's own fields and a template many keys share, each
// serialised once; the bootstrap page sends a template once per page instead of once per key.
import { createHash } from 'node:crypto'
import { type BootstrapKeyOwn, type BootstrapTemplate, type BudgetConfig, KEY_OWN_FIELDS } from '@gw/contract'
import type { ProjectGuardrails } from '../guardrails/key-guardrails.js'
import { buildKeyConfig, type KeyConfigKey } from './build-key-config.js'
import type { KeyPolicy } from './key-policy.js'
import { effectiveKeyState } from './key-state.js'
import type { ProjectConfigParts } from './render-key-config.js'
import { expiresAtSeconds } from './virtual-key-store.js'

/** A template serialised once, named by the digest of its text (the same content, the same id). */
export interface RenderedTemplate {
  /** SHA-256 (base64url) of `json`. */
  id: string
  value: BootstrapTemplate
  json: string
}

/** A key's own config fields: its identity (what its claims carry too) and `own`. */
export type KeyOwnFields = BootstrapKeyOwn & {
  vk_id: string
  organization_id: string
  project_id: string
  team_id: string | null
  principal_id: string | null
  revision: string
  expires_at: number | null
  status: string
}

/** A key's config in two parts, with the ETag of the whole document. */
export interface RenderedKeyParts {
  own: KeyOwnFields
  template: RenderedTemplate
  etag: string
}

/**
 * Remembers templates across the keys of one page: keys with the same policy object (the
 * bootstrap query shares one per distinct policy), project, budgets and no guardrail attached to
 * the key itself get the same template without building or serialising it again. Make one per
 * page: it keeps every template it built.
 */
export interface TemplateCache {
  byPolicy: WeakMap<KeyPolicy, Map<string, RenderedTemplate>>
}

/** A cache for one page; see {@link TemplateCache}. */
export function createTemplateCache(): TemplateCache {
  return { byPolicy: new WeakMap() }
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url')

// Keys with a guardrail attached to them alone get their own template. One set per project's rows.
const attachedKeyIds = new WeakMap<ProjectGuardrails, ReadonlySet<string>>()
function keysWithOwnAttachments(guardrails: ProjectGuardrails): ReadonlySet<string> {
  let ids = attachedKeyIds.get(guardrails)
  if (ids === undefined) {
    ids = new Set(guardrails.attachments.flatMap((row) => (row.virtual_key_id ? [row.virtual_key_id] : [])))
    attachedKeyIds.set(guardrails, ids)
  }
  return ids
}

function renderTemplate(key: KeyConfigKey, parts: ProjectConfigParts, budgets: BudgetConfig[]) {
  const config: Record<string, unknown> = buildKeyConfig({
    key,
    projectOtlpToken: null,
    providers: parts.providers,
    guardrails: parts.guardrails,
    routingPolicies: parts.routingPolicies,
    budgets,
  })
  delete config.providers
  delete config.project_otlp_token
  for (const field of KEY_OWN_FIELDS) delete config[field]
  const json = JSON.stringify(config)
  return { id: sha256(json), value: config as BootstrapTemplate, json }
}

function templateFor(
  key: KeyConfigKey,
  parts: ProjectConfigParts,
  budgets: BudgetConfig[],
  cache: TemplateCache | undefined,
): RenderedTemplate {
  if (cache === undefined) return renderTemplate(key, parts, budgets)
  const ownAttachment = keysWithOwnAttachments(parts.guardrails).has(key.id) ? key.id : ''
  const slot = `${key.project_id}\n${budgets.length === 0 ? '' : JSON.stringify(budgets)}\n${ownAttachment}`
  let templates = cache.byPolicy.get(key.config)
  if (templates === undefined) {
    templates = new Map()
    cache.byPolicy.set(key.config, templates)
  }
  let template = templates.get(slot)
  if (template === undefined) {
    template = renderTemplate(key, parts, budgets)
    templates.set(slot, template)
  }
  return template
}

/**
 * Renders the key's config at `nowMs` as its own fields and its template, with the document's
 * ETag: a hash of the own fields' values, the template's id and the project parts' digest.
 * `/config` and `/bootstrap` both use it, so a gateway primed by either revalidates with a 304.
 *
 * @example
 * const cache = createTemplateCache()
 * const { own, template, etag } = renderKeyParts(key, parts, Date.now(), [], cache)
 */
export function renderKeyParts(
  key: KeyConfigKey,
  parts: ProjectConfigParts,
  nowMs: number,
  budgets: BudgetConfig[] = [],
  cache?: TemplateCache,
): RenderedKeyParts {
  const template = templateFor(key, parts, budgets, cache)
  const own: KeyOwnFields = {
    vk_id: key.id,
    organization_id: key.organization_id,
    project_id: key.project_id,
    team_id: key.team_id,
    principal_id: key.principal_id,
    revision: String(key.revision),
    display_prefix: key.display_prefix,
    expires_at: expiresAtSeconds(key),
    status: effectiveKeyState(key, nowMs),
  }
  // An array of the values, in a fixed order: cheaper to print than the object, and as exact.
  const values = JSON.stringify([
    own.vk_id,
    own.organization_id,
    own.project_id,
    own.team_id,
    own.principal_id,
    own.revision,
    own.display_prefix,
    own.expires_at,
    own.status,
    template.id,
    parts.digest,
  ])
  return { own, template, etag: `"${sha256(values)}"` }
}
