// The per-key policy stored as JSON (aliases, allow-lists, fallback, rate limits, policy and cache rules) and its admin input schema.
import { guardrailDirections, routingModes } from '@gw/contract'
import { compilePattern, isPatternProblem } from '@gw/guardrails'
import * as v from 'valibot'
import { cacheRulesInputSchema } from './cache-rules-input.js'

// The gateway's own compiler, so a pattern accepted here is one the gateway can run.
const regexPattern = v.pipe(
  v.string(),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return
    const compiled = compilePattern(dataset.value)
    if (isPatternProblem(compiled)) addIssue({ message: `pattern "${dataset.value}" ${compiled.problem}` })
  }),
)

const policyDimensionSchema = v.strictObject({
  deny: v.optional(v.array(regexPattern), () => []),
  allow: v.optional(v.nullable(v.array(regexPattern)), null),
})

const positiveLimit = v.optional(v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1))), null)

const emptyDimension = () => ({ deny: [] as string[], allow: null as string[] | null })

/**
 * The `config` object of create/patch key requests. Every field is optional; on create absent
 * fields take defaults, on patch each given top-level field replaces the stored one whole.
 */
export const keyPolicyInputSchema = v.strictObject({
  tags: v.optional(v.array(v.pipe(v.string(), v.minLength(1)))),
  /** null → every model. */
  models_allowed: v.optional(v.nullable(v.array(v.pipe(v.string(), v.minLength(1))))),
  /** null → every provider credential of the project. */
  providers_allowed: v.optional(v.nullable(v.array(v.pipe(v.string(), v.minLength(1))))),
  /** alias → `provider/model` or a model name. */
  model_aliases: v.optional(v.record(v.pipe(v.string(), v.minLength(1)), v.pipe(v.string(), v.minLength(1)))),
  fallback: v.optional(
    v.strictObject({
      /** Provider credential ids of the key's project, tried in order. */
      chain: v.array(v.pipe(v.string(), v.minLength(1))),
      /** null → walk the whole chain. */
      max_attempts: v.optional(
        v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(20))),
        null,
      ),
    }),
  ),
  /** `none`, `fallback_all` or `policy`; null → `fallback_all`. */
  routing_mode: v.optional(v.nullable(v.picklist(routingModes, `must be one of ${routingModes.join(', ')}`))),
  /** The routing policy of `routing_mode: policy` (a policy of the key's project). */
  routing_policy_id: v.optional(v.nullable(v.pipe(v.string(), v.minLength(1)))),
  /** Provider ids, handles or types routing never picks (still usable as `provider/model`). */
  routing_excluded_providers: v.optional(v.array(v.pipe(v.string(), v.minLength(1)))),
  /** Provider ids, handles or types the key may not use at all. */
  access_excluded_providers: v.optional(v.array(v.pipe(v.string(), v.minLength(1)))),
  rate_limits: v.optional(v.strictObject({ rpm: positiveLimit, rpd: positiveLimit, tpm: positiveLimit })),
  policy_rules: v.optional(
    v.strictObject({
      tools: v.optional(policyDimensionSchema, emptyDimension),
      mcp: v.optional(policyDimensionSchema, emptyDimension),
      urls: v.optional(policyDimensionSchema, emptyDimension),
      models: v.optional(policyDimensionSchema, emptyDimension),
    }),
  ),
  guardrail_attachments: v.optional(
    v.array(
      v.strictObject({
        direction: v.picklist(guardrailDirections),
        guardrail_ids: v.array(v.pipe(v.string(), v.minLength(1))),
      }),
    ),
  ),
  /** Cache rules (#17 marker modes and the response cache's `cache`); replaced whole. */
  cache_rules: v.optional(cacheRulesInputSchema),
})

/** Admin input for a key's policy. */
export type KeyPolicyInput = v.InferOutput<typeof keyPolicyInputSchema>

/** The stored, complete policy of a key. */
export type KeyPolicy = { [K in keyof KeyPolicyInput]-?: Exclude<KeyPolicyInput[K], undefined> }

/** The policy of a key created without one: everything allowed, no limits, no fallback. */
export function defaultKeyPolicy(): KeyPolicy {
  return {
    tags: [],
    models_allowed: null,
    providers_allowed: null,
    model_aliases: {},
    fallback: { chain: [], max_attempts: null },
    routing_mode: null,
    routing_policy_id: null,
    routing_excluded_providers: [],
    access_excluded_providers: [],
    rate_limits: { rpm: null, rpd: null, tpm: null },
    policy_rules: {
      tools: emptyDimension(),
      mcp: emptyDimension(),
      urls: emptyDimension(),
      models: emptyDimension(),
    },
    guardrail_attachments: [],
    cache_rules: [],
  }
}

/**
 * Applies an input over a stored policy: each field present in `input` replaces the stored one.
 *
 * @example
 * mergeKeyPolicy(defaultKeyPolicy(), { model_aliases: { fast: 'openai/gpt-4o-mini' } })
 */
export function mergeKeyPolicy(base: KeyPolicy, input: KeyPolicyInput): KeyPolicy {
  const merged: Record<string, unknown> = { ...base }
  for (const [field, value] of Object.entries(input)) {
    if (value !== undefined) merged[field] = value
  }
  return merged as KeyPolicy
}
