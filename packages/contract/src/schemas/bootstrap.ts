// GET /bootstrap: one page of every active key, for a gateway to fill its auth cache before it is ready.
// The answer is HMAC-signed like a request (RESPONSE_SIGNING_METHOD); the client checks it before parsing.
import * as v from 'valibot'
import { GatewayError } from '../errors.js'
import { bundleClaimsSchema } from './bundle-claims.js'
import { nullableStringSchema, revisionSchema } from './common.js'
import { gatewayKeyConfigSchema } from './gateway-key-config.js'
import { parseWith } from './parse.js'
import { providerSlotSchema } from './provider-slot.js'

/** Most keys one bootstrap page may carry; the control plane clamps `limit` to 1–this. */
export const MAX_BOOTSTRAP_PAGE_SIZE = 5_000

/** A key's config without the per-project parts, which travel once per page in `projects`. */
export const bootstrapKeyConfigSchema = v.omit(gatewayKeyConfigSchema, ['providers', 'project_otlp_token'])

/**
 * The fields of a key's config that are the key's own; the rest is what keys share (a template).
 * In a page with templates the first seven come from the key's claims, the last two from `own`.
 */
export const KEY_OWN_FIELDS = [
  'vk_id',
  'organization_id',
  'project_id',
  'team_id',
  'principal_id',
  'revision',
  'display_prefix',
  'expires_at',
  'status',
] as const

/** A key's own config fields that its claims do not carry: `own` in a page with templates. */
export const bootstrapKeyOwnSchema = v.pick(gatewayKeyConfigSchema, ['display_prefix', 'status'])

/** The config fields many keys share, sent once per page in `templates`. */
export const bootstrapTemplateSchema = v.omit(gatewayKeyConfigSchema, [
  ...KEY_OWN_FIELDS,
  'providers',
  'project_otlp_token',
])

export type BootstrapKeyOwn = v.InferOutput<typeof bootstrapKeyOwnSchema>
export type BootstrapTemplate = v.InferOutput<typeof bootstrapTemplateSchema>

const wireKeySchema = v.object({
  /** SHA-256 hex of the raw key (`hashKey`): the gateway's cache index. Never the key itself. */
  key_hash: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex characters')),
  key_id: v.pipe(v.string(), v.minLength(1)),
  /**
   * The claims `/resolve-key`'s bundle JWT would carry (same `iat`, `exp`, `iss`, `aud`). Not a JWT:
   * the page's response signature vouches for every key at once.
   */
  claims: bundleClaimsSchema,
  /** The ETag `/config/:vk_id` would send for the assembled document. */
  etag: v.optional(v.nullable(v.string()), null),
  /** The whole config but the project parts (a page without templates). */
  config: v.optional(bootstrapKeyConfigSchema),
  /** With templates: the id of the page's template this key's config starts from … */
  template: v.optional(v.string()),
  /** … and the key's own fields its claims do not carry (`display_prefix`, `status`). */
  own: v.optional(bootstrapKeyOwnSchema),
})

const bootstrapProjectSchema = v.object({
  project_otlp_token: nullableStringSchema,
  providers: v.optional(v.array(providerSlotSchema), () => []),
})

/** Body of a 200 answer from `GET /bootstrap`, as it travels (see {@link parseBootstrapPage}). */
export const bootstrapPageSchema = v.object({
  keys: v.array(wireKeySchema),
  /** Templates by id (the SHA-256 of their text): validated once each, shared by their keys. */
  templates: v.optional(v.record(v.string(), v.unknown()), () => ({})),
  /** Provider slots and OTLP token of every project a key of this page belongs to. */
  projects: v.optional(v.record(v.string(), bootstrapProjectSchema), () => ({})),
  /**
   * Each organisation's change revision, read before this page's keys: a change feed started
   * there replays whatever changed while the page was being read.
   */
  revisions: v.optional(v.record(v.string(), revisionSchema), () => ({})),
  /** Pass as `after` to read the next page; null on the last one. */
  next_after: nullableStringSchema,
})

type WirePage = v.InferOutput<typeof bootstrapPageSchema>
type WireKey = WirePage['keys'][number]

/** One key of a page, its config complete but for the project parts. */
export interface BootstrapKey extends Omit<WireKey, 'config' | 'template' | 'own'> {
  config: v.InferOutput<typeof bootstrapKeyConfigSchema>
}

/** A parsed page: every key with its config, whichever form it travelled in. */
export interface BootstrapPage extends Omit<WirePage, 'keys' | 'templates'> {
  keys: BootstrapKey[]
}
export type BootstrapProject = BootstrapPage['projects'][string]

/** Templates already validated during one pull, by id; pass the same map for every page. */
export type BootstrapTemplates = Map<string, Readonly<BootstrapTemplate>>

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const child of Object.values(value)) deepFreeze(child)
  }
  return value
}

function pageProblem(field: string, problem: string): GatewayError {
  return new GatewayError('internal_error', `Invalid bootstrap page: field "${field}": ${problem}`, {
    meta: { field },
  })
}

/**
 * Validates a bootstrap page; throws `internal_error` naming the field. A key sent as a template,
 * its claims and `own` gets a config of its own (the template, then `vk_id`, `organization_id`,
 * `project_id`, `team_id`, `principal_id`, `revision` and `expires_at` from the claims, then
 * `own`) whose nested values are the template's, frozen and
 * shared with every key of that template: a template is validated once per `templates` map, so
 * pass one map for all the pages of a pull.
 *
 * @example
 * const templates: BootstrapTemplates = new Map()
 * const page = parseBootstrapPage(json, templates)
 * for (const key of page.keys) console.log(key.key_id, page.projects[key.config.project_id ?? '']?.providers.length)
 */
export function parseBootstrapPage(json: unknown, templates: BootstrapTemplates = new Map()): BootstrapPage {
  const {
    templates: wireTemplates,
    keys: wireKeys,
    ...rest
  } = parseWith(bootstrapPageSchema, json, 'bootstrap page', 'internal_error')
  // Objects written out field by field: a spread followed by more fields takes a slow path in
  // V8 (µs per object), and a page has thousands of keys.
  const keys = wireKeys.map((key, index): BootstrapKey => {
    const { claims, config } = key
    if (config !== undefined) {
      return { key_hash: key.key_hash, key_id: key.key_id, claims, etag: key.etag, config }
    }
    const { template: templateId, own } = key
    if (templateId === undefined || own === undefined) {
      throw pageProblem(`keys.${index}`, 'needs either "config" or both "template" and "own"')
    }
    let template = templates.get(templateId)
    if (template === undefined) {
      const input = wireTemplates[templateId]
      if (input === undefined) throw pageProblem(`keys.${index}.template`, `no template "${templateId}"`)
      template = deepFreeze(
        parseWith(bootstrapTemplateSchema, input, `bootstrap template "${templateId}"`, 'internal_error'),
      )
      templates.set(templateId, template)
    }
    const assembled = {
      ...template,
      vk_id: claims.vk_id,
      organization_id: claims.org_id,
      project_id: claims.project_id,
      team_id: claims.team_id,
      principal_id: claims.principal_id,
      revision: claims.revision,
      expires_at: claims.vk_expires_at,
      display_prefix: own.display_prefix,
      status: own.status,
    }
    return { key_hash: key.key_hash, key_id: key.key_id, claims, etag: key.etag, config: assembled }
  })
  return { ...rest, keys }
}
