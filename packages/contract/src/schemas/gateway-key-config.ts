// The per-key configuration document (GET /config/:vk_id): providers, routing, limits, policy, budgets.
import * as v from 'valibot'
import { nullableNumberSchema, nullableStringSchema, revisionSchema, stringListSchema } from './common.js'
import { parseWith } from './parse.js'
import { providerSlotSchema } from './provider-slot.js'
import { routingPolicySchema } from './routing-policy.js'

/** Guardrail directions: ours (`request`/`response`) and LangWatch's (`pre`/`post`). */
export const guardrailDirections = ['pre', 'post', 'request', 'response', 'stream_chunk'] as const
export type GuardrailDirection = (typeof guardrailDirections)[number]

const guardrailSchema = v.pipe(
  v.object({
    id: v.pipe(v.string(), v.minLength(1)),
    evaluator: v.optional(v.string()),
    evaluator_id: v.optional(v.string()),
    evaluator_slug: v.optional(v.nullable(v.string())),
    name: v.optional(v.string()),
    direction: v.picklist(guardrailDirections),
    /** Absent → `fail_closed`: an unchecked request is refused rather than let through. */
    failure_mode: v.optional(v.picklist(['fail_open', 'fail_closed']), 'fail_closed'),
    /**
     * The evaluator's settings (patterns, PII types, token limit, schema, webhook URL). Ours sends
     * them so the gateway runs built-in evaluators in process; absent → the gateway asks
     * `/guardrail/check`.
     */
    settings: v.optional(v.record(v.string(), v.unknown())),
  }),
  // LangWatch sends evaluator_id/evaluator_slug instead of evaluator: expose one field either way.
  v.transform(({ evaluator, evaluator_id, evaluator_slug, ...rest }) => ({
    ...rest,
    evaluator: evaluator ?? evaluator_slug ?? evaluator_id ?? '',
  })),
)

const guardrailAttachmentSchema = v.object({
  direction: v.picklist(guardrailDirections),
  guardrail_ids: v.array(v.string()),
})

/** `deny` patterns always apply; `allow: null` means "no allow-list". */
const policyDimensionSchema = v.optional(
  v.object({ deny: stringListSchema, allow: v.optional(v.nullable(v.array(v.string())), null) }),
  () => ({ deny: [], allow: null }),
)

const policyRulesSchema = v.object({
  tools: policyDimensionSchema,
  mcp: policyDimensionSchema,
  urls: policyDimensionSchema,
  models: policyDimensionSchema,
})

/** Budget scopes, outermost first. */
export const budgetScopes = ['organization', 'team', 'project', 'virtual_key', 'principal'] as const
export type BudgetScope = (typeof budgetScopes)[number]

const budgetSchema = v.object({
  id: v.pipe(v.string(), v.minLength(1)),
  scope: v.picklist(budgetScopes),
  scope_id: v.string(),
  principal_id: v.optional(v.nullable(v.string())),
  /** Limits the budget to one provider credential; null → every provider. */
  provider_key: nullableStringSchema,
  /** Window name as sent (e.g. `minute`, `hour`, `day`, `week`, `month`, `total`). */
  window: v.string(),
  limit_micro_usd: v.number(),
  spent_micro_usd: v.optional(v.number(), 0),
  /** Unix seconds of the next reset; null for windows that never reset. */
  resets_at: nullableNumberSchema,
  on_breach: v.optional(v.picklist(['block', 'warn']), 'block'),
  /**
   * Ours: a per-end-user template. Each end user (`X-LangWatch-End-User-Id`, then the body's
   * `user`) gets its own bucket with this limit; `spent_micro_usd` is then 0 and the gateway reads
   * a bucket it has not seen from `/budget-bucket-spend`.
   */
  per_end_user: v.optional(v.boolean()),
  /**
   * Ours: the share of `limit_micro_usd` from which responses carry `X-LangWatch-Budget-Warning`
   * for this budget; null or absent → the gateway's default. Lenient: a value outside (0, 1] is
   * treated as absent rather than refusing the whole config.
   */
  warn_ratio: v.optional(
    v.pipe(
      v.nullable(v.unknown()),
      v.transform((value) => (typeof value === 'number' && value > 0 && value <= 1 ? value : null)),
    ),
  ),
})

export const cacheModes = ['respect', 'force', 'disable'] as const
export type CacheMode = (typeof cacheModes)[number]
/** A cache rule's action: a provider-marker mode, or `cache` (the gateway's response cache, for `ttl` seconds). */
export const cacheRuleModes = [...cacheModes, 'cache'] as const
export type CacheRuleMode = (typeof cacheRuleModes)[number]

const cacheRuleSchema = v.object({
  id: v.string(),
  priority: v.optional(v.number(), 0),
  matchers: v.optional(
    v.looseObject({
      vk_id: v.optional(v.string()),
      vk_tags: v.optional(v.array(v.string())),
      vk_prefix: v.optional(v.string()),
      principal_id: v.optional(v.string()),
      model: v.optional(v.string()),
      request_metadata: v.optional(v.record(v.string(), v.string())),
    }),
    () => ({}),
  ),
  action: v.object({
    mode: v.picklist(cacheRuleModes),
    ttl: v.optional(v.number()),
    salt: v.optional(v.string()),
  }),
})

/** Unix seconds; ISO strings are converted. */
const instantSchema = v.optional(
  v.nullable(
    v.union([
      v.number(),
      v.pipe(
        v.string(),
        v.isoTimestamp(),
        v.transform((iso) => Math.floor(Date.parse(iso) / 1000)),
      ),
    ]),
  ),
  null,
)

/**
 * Schema of the key config document. Collections default to empty, nullable scalars to null;
 * unknown fields the control plane adds are accepted and dropped.
 */
export const gatewayKeyConfigSchema = v.object({
  project_id: nullableStringSchema,
  project_otlp_token: nullableStringSchema,
  display_prefix: v.optional(v.string(), ''),
  vk_tags: stringListSchema,
  providers: v.optional(v.array(providerSlotSchema), () => []),
  fallback: v.optional(
    v.object({
      chain: stringListSchema,
      /** null → walk the whole chain. */
      max_attempts: nullableNumberSchema,
      on: v.optional(v.array(v.string())),
      timeout_ms: v.optional(v.number()),
    }),
    () => ({ chain: [], max_attempts: null }),
  ),
  model_aliases: v.optional(v.record(v.string(), v.string()), () => ({})),
  /** null → every model the providers serve. */
  models_allowed: v.optional(v.nullable(v.array(v.string())), null),
  /** null → every provider of `providers`. */
  providers_allowed: v.optional(v.nullable(v.array(v.string())), null),
  /** `none`, `fallback_all` or `policy`; null or another value → `fallback_all` (today's walk). */
  routing_mode: nullableStringSchema,
  /** The routing policy the key names (`routing_mode: policy`). */
  routing_policy_id: nullableStringSchema,
  /** That policy, resolved by the control plane; null when the key names none or it was deleted. */
  routing_policy: v.optional(v.nullable(routingPolicySchema), null),
  /** Provider ids, handles or types routing never picks (fallback, policy); still reachable as `provider/model`. */
  routing_excluded_providers: stringListSchema,
  /** Provider ids, handles or types this key may not use at all. */
  access_excluded_providers: stringListSchema,
  rate_limits: v.optional(
    v.object({ rpm: nullableNumberSchema, rpd: nullableNumberSchema, tpm: nullableNumberSchema }),
    () => ({ rpm: null, rpd: null, tpm: null }),
  ),
  guardrails: v.optional(v.array(guardrailSchema), () => []),
  guardrail_attachments: v.optional(v.array(guardrailAttachmentSchema), () => []),
  policy_rules: v.optional(policyRulesSchema, () => ({
    tools: { deny: [], allow: null },
    mcp: { deny: [], allow: null },
    urls: { deny: [], allow: null },
    models: { deny: [], allow: null },
  })),
  budgets: v.optional(v.array(budgetSchema), () => []),
  cache_rules: v.optional(v.array(cacheRuleSchema), () => []),
  /** Key expiry, unix seconds; null → never. */
  expires_at: instantSchema,
  /** Also sent by LangWatch's control plane. */
  revision: v.optional(revisionSchema),
  vk_id: v.optional(v.string()),
  organization_id: v.optional(v.string()),
  status: v.optional(v.string()),
  team_id: v.optional(v.nullable(v.string())),
  principal_id: v.optional(v.nullable(v.string())),
  cache: v.optional(v.object({ mode: v.picklist(cacheModes), ttl_s: v.optional(v.number()) })),
  metadata: v.optional(v.record(v.string(), v.unknown())),
})

export type GatewayKeyConfig = v.InferOutput<typeof gatewayKeyConfigSchema>
export type GuardrailConfig = GatewayKeyConfig['guardrails'][number]
export type GuardrailAttachment = GatewayKeyConfig['guardrail_attachments'][number]
export type PolicyRules = GatewayKeyConfig['policy_rules']
export type BudgetConfig = GatewayKeyConfig['budgets'][number]
export type CacheRule = GatewayKeyConfig['cache_rules'][number]

/**
 * Validates a config document from the control plane; throws `internal_error` naming the field.
 *
 * @example
 * const config = parseGatewayKeyConfig(await body.json())
 */
export function parseGatewayKeyConfig(json: unknown): GatewayKeyConfig {
  return parseWith(gatewayKeyConfigSchema, json, 'key config', 'internal_error')
}
