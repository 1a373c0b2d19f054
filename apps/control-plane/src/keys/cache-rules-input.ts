// Admin input schema of a key's `cache_rules`: the contract's rule shape, strict and bounded.
import { cacheRuleModes } from '@gw/contract'
import * as v from 'valibot'

/** At most this many rules per key (each is matched per request). */
export const maxCacheRules = 100
/** A rule's `ttl` bound in seconds (30 days); the gateway still caps it at its own maximum. */
export const maxCacheRuleTtlS = 30 * 24 * 3600

const text = (max: number) => v.pipe(v.string(), v.minLength(1), v.maxLength(max))

const cacheRuleInputSchema = v.strictObject({
  /** Unique within the key; names the rule in spans and picks its `salt`. */
  id: text(128),
  /** Higher wins; equal priorities keep their order. */
  priority: v.optional(v.pipe(v.number(), v.integer(), v.minValue(-1000), v.maxValue(1000)), 0),
  matchers: v.optional(
    v.strictObject({
      vk_id: v.optional(text(128)),
      vk_tags: v.optional(v.array(text(128))),
      vk_prefix: v.optional(text(128)),
      principal_id: v.optional(text(128)),
      /** A glob (`*` any run of characters) over the requested and the resolved model. */
      model: v.optional(text(256)),
      /** Every entry must equal the field of the request's `X-LangWatch-Metadata`. */
      request_metadata: v.optional(v.record(text(128), v.pipe(v.string(), v.maxLength(512)))),
    }),
    () => ({}),
  ),
  action: v.strictObject({
    mode: v.picklist(cacheRuleModes, `must be one of ${cacheRuleModes.join(', ')}`),
    /** Seconds: the response cache's entry lifetime (`cache`), or the marker's TTL (`force`). */
    ttl: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(maxCacheRuleTtlS))),
    /** Mixed into the response cache key, so the rule's entries are its own. */
    salt: v.optional(text(256)),
  }),
})

/**
 * `config.cache_rules` of create/patch key requests: replaces the key's rules whole; ids unique.
 *
 * @example
 * v.parse(cacheRulesInputSchema, [{ id: 'faq', action: { mode: 'cache', ttl: 300 } }])
 */
export const cacheRulesInputSchema = v.pipe(
  v.array(cacheRuleInputSchema),
  v.maxLength(maxCacheRules, `at most ${maxCacheRules} rules`),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return
    const seen = new Set<string>()
    dataset.value.forEach((rule, index) => {
      if (seen.has(rule.id)) {
        addIssue({
          message: `duplicate rule id "${rule.id}"`,
          path: [
            {
              type: 'array',
              origin: 'value',
              input: dataset.value,
              key: index,
              value: rule,
            },
            { type: 'object', origin: 'value', input: rule, key: 'id', value: rule.id },
          ],
        })
      }
      seen.add(rule.id)
    })
  }),
)
