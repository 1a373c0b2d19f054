// Model price lookup (exact id, then without provider prefix and date suffix) and integer micro-USD cost.
import type { Usage } from '../spec/usage.js'
import { builtInPrices, type ModelPrice } from './model-prices.js'

/** Options of {@link createCatalog}. */
export interface CatalogOptions {
  /** Prices that replace or extend the built-in table, keyed like it (exact ids win over families). */
  overrides?: Readonly<Record<string, ModelPrice>>
}

/** Model prices and cost computation. */
export interface Catalog {
  /** The price of `model`, or undefined when unknown. */
  price(model: string): ModelPrice | undefined
  /** Cost of `usage` in whole micro-USD (rounded up), or undefined when the model has no price. */
  costMicroUsd(model: string, usage: Usage): number | undefined
}

/** `-20241022`, `-2024-08-06`, `-latest`, `@20240620` (Vertex), `-v1:0` (Bedrock) suffixes. */
const versionSuffix = /(?:-\d{8}|-\d{4}-\d{2}-\d{2}|-latest|@\d{8}|-v\d+(?::\d+)?)+$/

/** Bedrock model ids carry a vendor (and cross-region) prefix: `us.anthropic.claude-…`. */
const vendorPrefix = /^(?:[a-z]{2,6}\.)?anthropic\./

/**
 * Creates a catalogue over the built-in prices plus `overrides`. Lookup tries the exact id,
 * then without a `provider/` prefix, then with version suffixes stripped
 * (`claude-3-5-sonnet-20241022` → `claude-3-5-sonnet`, `gpt-4o-2024-08-06` → `gpt-4o`).
 *
 * @example
 * const catalog = createCatalog({ overrides: { 'my-finetune': { input: 3, output: 12 } } })
 * catalog.costMicroUsd('gpt-4o-mini', usage)
 */
export function createCatalog(options: CatalogOptions = {}): Catalog {
  const prices = new Map<string, ModelPrice>(Object.entries(builtInPrices))
  for (const [model, price] of Object.entries(options.overrides ?? {})) prices.set(model, price)
  const resolved = new Map<string, ModelPrice | undefined>()

  const lookup = (model: string): ModelPrice | undefined => {
    const exact = prices.get(model)
    if (exact !== undefined) return exact
    const bare = model.slice(model.lastIndexOf('/') + 1).replace(vendorPrefix, '')
    return prices.get(bare) ?? prices.get(bare.replace(versionSuffix, ''))
  }

  const price = (model: string): ModelPrice | undefined => {
    if (resolved.has(model)) return resolved.get(model)
    const found = lookup(model)
    // Bounded: model names come from configuration and upstream answers, but stay safe anyway.
    if (resolved.size < 4096) resolved.set(model, found)
    return found
  }

  return {
    price,
    costMicroUsd(model, usage) {
      const found = price(model)
      if (found === undefined) return undefined
      const total =
        usage.inputTokens * found.input +
        usage.outputTokens * found.output +
        usage.cacheReadInputTokens * (found.cacheRead ?? found.input) +
        usage.cacheCreationInputTokens * (found.cacheWrite ?? found.input)
      // Prices per million tokens are micro-USD per token; the epsilon absorbs float noise.
      return Math.ceil(total - 1e-6)
    },
  }
}
