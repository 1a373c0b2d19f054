// Per-credential price overrides (providers[].price_overrides): model → micro-USD per million tokens.
import * as v from 'valibot'

/** Most models one credential may override. */
export const MAX_PRICE_OVERRIDES = 1_000

const microUsdPerMillion = v.pipe(
  v.number(),
  v.integer('must be a whole number of micro-USD per million tokens'),
  v.minValue(0, 'must be at least 0'),
  v.maxValue(1_000_000_000_000, 'must be at most 1,000,000,000,000 (1,000,000 USD per million tokens)'),
)

/** One model's prices on one credential, in micro-USD per million tokens ($2.50/M → 2,500,000). */
export const priceOverrideSchema = v.strictObject({
  input_micro_usd_per_million: microUsdPerMillion,
  output_micro_usd_per_million: microUsdPerMillion,
})
export type PriceOverride = v.InferOutput<typeof priceOverrideSchema>

/** Model name (as the provider knows it) → prices; used over the built-in catalogue for that credential. */
export const priceOverridesSchema = v.pipe(
  v.record(v.pipe(v.string(), v.minLength(1), v.maxLength(200)), priceOverrideSchema),
  v.check(
    (overrides) => Object.keys(overrides).length <= MAX_PRICE_OVERRIDES,
    `must name at most ${MAX_PRICE_OVERRIDES} models`,
  ),
)
export type PriceOverrides = v.InferOutput<typeof priceOverridesSchema>
