// GET /api/internal/gateway/bootstrap: every active key, a page at a time, for a gateway's auth cache.
import { buildBundleClaims } from '@gw/auth-cache'
import {
  BOOTSTRAP_NEXT_HEADER,
  MAX_BOOTSTRAP_PAGE_SIZE,
  RESPONSE_SIGNING_METHOD,
  signRequest,
} from '@gw/contract'
import type { Handler } from 'hono'
import * as v from 'valibot'
import { loadKeyBudgets } from '../budgets/key-budgets.js'
import { currentRevisions } from '../changes/change-log.js'
import { validate } from '../http/parse-body.js'
import { createTemplateCache, renderKeyParts } from '../keys/key-config-parts.js'
import { effectiveKeyState } from '../keys/key-state.js'
import {
  loadProjectConfigParts,
  type ProjectConfigParts,
  renderOwnKeyConfig,
} from '../keys/render-key-config.js'
import { bundleClaimsInput } from '../keys/resolve-virtual-key.js'
import { listBootstrapKeyRecords } from '../keys/virtual-key-store.js'
import type { ControlPlaneDeps } from '../shared/deps.js'
import type { InternalEnv } from './internal-env.js'

/** Keys per page when the gateway does not say. */
export const DEFAULT_BOOTSTRAP_PAGE_SIZE = 1_000

const querySchema = v.object({
  after: v.optional(v.pipe(v.string(), v.regex(/^[0-9A-Za-z_-]{1,64}$/, 'must be a key id'))),
  limit: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d{1,6}$/, 'must be a positive integer'),
      v.transform(Number),
      v.minValue(1, 'must be at least 1'),
      v.maxValue(MAX_BOOTSTRAP_PAGE_SIZE, `must be at most ${MAX_BOOTSTRAP_PAGE_SIZE}`),
    ),
  ),
  /** `1`: send each key's config as its own fields plus a shared template (see the contract's README). */
  templates: v.optional(v.picklist(['0', '1'], 'must be 0 or 1')),
})

/** Options for {@link createBootstrapHandler}. */
export interface BootstrapHandlerOptions {
  /** `LW_GATEWAY_INTERNAL_SECRET`: signs each page as a response. */
  internalSecret: string
  /** Bundle lifetime in seconds (`CONTROL_PLANE_BUNDLE_TTL`), as resolve-key signs it. */
  bundleTtlSeconds: number
}

/**
 * Builds the bootstrap handler. A page lists keys in id order with the claims resolve-key's
 * bundle would carry and the config /config would send (same ETag), minus the project parts,
 * which come once per project in `projects`. With `templates=1` a key carries its own fields and
 * the id of a template, sent once per page in `templates`. Organisation revisions are read first. Keys minted
 * before the cache digest existed are not listed: a gateway resolves those on first use.
 *
 * The page is signed as a whole (HMAC over its body, `RESPONSE` as the method) instead of one
 * JWT per key: 50,000 WebCrypto signatures here and as many verifications in the gateway cost
 * more than everything else the pull does. Its text is assembled from each key's config
 * serialised once.
 *
 * @example
 * internal.get('/bootstrap', createBootstrapHandler(deps, { jwtSecret, bundleTtlSeconds: 900 }))
 */
export function createBootstrapHandler(
  deps: ControlPlaneDeps,
  options: BootstrapHandlerOptions,
): Handler<InternalEnv> {
  return async (c) => {
    const query = validate(querySchema, c.req.query())
    const limit = query.limit ?? DEFAULT_BOOTSTRAP_PAGE_SIZE
    const revisions = await currentRevisions(deps.db)
    const nowMs = deps.now()
    const { records, nextAfter } = await listBootstrapKeyRecords(deps.db, {
      after: query.after ?? null,
      limit,
      nowMs,
    })
    const projects = new Map<string, ProjectConfigParts>()
    for (const record of records) {
      if (!projects.has(record.project_id)) {
        projects.set(record.project_id, await loadProjectConfigParts(deps, record.project_id))
      }
    }
    const active = records.filter((record) => effectiveKeyState(record, nowMs) === 'active')
    const budgets = await loadKeyBudgets(deps.db, active, nowMs)
    const cache = createTemplateCache()
    const templates = new Map<string, string>()
    const claimsOptions = { ttlSeconds: options.bundleTtlSeconds, now: () => nowMs }
    const keys = active.map((record) => {
      const claims = buildBundleClaims(bundleClaimsInput(record), claimsOptions)
      const parts = projects.get(record.project_id)!
      if (query.templates === '1') {
        const { own, template, etag } = renderKeyParts(record, parts, nowMs, budgets.get(record.id), cache)
        templates.set(template.id, template.json)
        return JSON.stringify({
          key_hash: record.cache_digest,
          key_id: record.id,
          claims,
          etag,
          template: template.id,
          own: { display_prefix: own.display_prefix, status: own.status },
        })
      }
      const { json, etag } = renderOwnKeyConfig(record, parts, nowMs, budgets.get(record.id), cache)
      const head = JSON.stringify({ key_hash: record.cache_digest, key_id: record.id, claims, etag })
      return `${head.slice(0, -1)},"config":${json}}`
    })
    const rest = {
      projects: Object.fromEntries(
        [...projects].map(([id, parts]) => [
          id,
          { project_otlp_token: parts.projectOtlpToken, providers: parts.providers },
        ]),
      ),
      revisions: Object.fromEntries(
        [...new Set(records.map((record) => record.organization_id))].map((id) => [
          id,
          String(revisions.get(id) ?? 0),
        ]),
      ),
      next_after: nextAfter,
    }
    deps.logger.debug({ keys: keys.length, after: query.after ?? null }, 'bootstrap page served')
    const templateTexts = [...templates].map(([id, json]) => `"${id}":${json}`)
    const body = `{"keys":[${keys.join(',')}],${
      query.templates === '1' ? `"templates":{${templateTexts.join(',')}},` : ''
    }${JSON.stringify(rest).slice(1)}`
    const signed = signRequest({
      secret: options.internalSecret,
      method: RESPONSE_SIGNING_METHOD,
      path: c.req.path,
      body,
      timestamp: Math.floor(deps.now() / 1000),
    })
    return c.body(body, 200, {
      'Content-Type': 'application/json',
      'Cache-Control': 'no-store',
      ...signed.headers,
      // Lets the gateway ask for the next page before it has parsed this one.
      ...(rest.next_after === null ? {} : { [BOOTSTRAP_NEXT_HEADER]: rest.next_after }),
    })
  }
}
