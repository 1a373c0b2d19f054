// GET /bootstrap: one page of every active key, for a gateway to fill its auth cache before it is ready.
// The answer is HMAC-signed like a request (RESPONSE_SIGNING_METHOD); the client checks it before parsing.
import * as v from 'valibot'
import { bundleClaimsSchema } from './bundle-claims.js'
import { nullableStringSchema, revisionSchema } from './common.js'
import { gatewayKeyConfigSchema } from './gateway-key-config.js'
import { parseWith } from './parse.js'
import { providerSlotSchema } from './provider-slot.js'

/** Most keys one bootstrap page may carry; the control plane clamps `limit` to 1–this. */
export const MAX_BOOTSTRAP_PAGE_SIZE = 5_000

/** A key's config without the per-project parts, which travel once per page in `projects`. */
export const bootstrapKeyConfigSchema = v.omit(gatewayKeyConfigSchema, ['providers', 'project_otlp_token'])

const bootstrapKeySchema = v.object({
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
  config: bootstrapKeyConfigSchema,
})

const bootstrapProjectSchema = v.object({
  project_otlp_token: nullableStringSchema,
  providers: v.optional(v.array(providerSlotSchema), () => []),
})

/** Body of a 200 answer from `GET /bootstrap`. */
export const bootstrapPageSchema = v.object({
  keys: v.array(bootstrapKeySchema),
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

export type BootstrapPage = v.InferOutput<typeof bootstrapPageSchema>
export type BootstrapKey = BootstrapPage['keys'][number]
export type BootstrapProject = BootstrapPage['projects'][string]

/**
 * Validates a bootstrap page; throws `internal_error` naming the field.
 *
 * @example
 * const page = parseBootstrapPage(json)
 * for (const key of page.keys) console.log(key.key_id, page.projects[key.config.project_id ?? '']?.providers.length)
 */
export function parseBootstrapPage(json: unknown): BootstrapPage {
  return parseWith(bootstrapPageSchema, json, 'bootstrap page', 'internal_error')
}
