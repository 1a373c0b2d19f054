// Per-credential price overrides (providers[].price_overrides), compiled once per config object.
import type { TokenPrice } from '@gw/budget'
import type { GatewayKeyConfig } from '@gw/contract'
import type { Usage } from '@gw/providers'

/** A key's overrides: per credential, model → price (USD per million tokens = micro-USD per token). */
interface CompiledOverrides {
  byProvider: Map<string, Map<string, TokenPrice>>
  /** Per model, the highest override among the key's credentials: what an estimate reserves. */
  highest: Map<string, TokenPrice>
}

const compiled = new WeakMap<object, CompiledOverrides | null>()

function compile(config: GatewayKeyConfig): CompiledOverrides | null {
  let result: CompiledOverrides | null = null
  for (const slot of config.providers) {
    const overrides = slot.price_overrides
    if (overrides === undefined) continue
    result ??= { byProvider: new Map(), highest: new Map() }
    const prices = new Map<string, TokenPrice>()
    for (const [model, override] of Object.entries(overrides)) {
      const price = {
        input: override.input_micro_usd_per_million / 1_000_000,
        output: override.output_micro_usd_per_million / 1_000_000,
      }
      prices.set(model, price)
      const top = result.highest.get(model)
      result.highest.set(model, {
        input: Math.max(top?.input ?? 0, price.input),
        output: Math.max(top?.output ?? 0, price.output),
      })
    }
    result.byProvider.set(slot.id, prices)
  }
  return result
}

function overridesOf(config: GatewayKeyConfig): CompiledOverrides | null {
  let found = compiled.get(config)
  if (found === undefined) {
    found = compile(config)
    compiled.set(config, found)
  }
  return found
}

// `openai/gpt-4o` and `gpt-4o` both name the override of `gpt-4o`.
const lookup = (prices: Map<string, TokenPrice>, model: string): TokenPrice | undefined =>
  prices.get(model) ?? prices.get(model.slice(model.lastIndexOf('/') + 1))

/**
 * The price an estimate reserves for `model` when any credential of the key overrides it: the
 * highest such override (the provider is chosen after admission, so never reserve too little);
 * undefined → the catalogue's price.
 *
 * @example
 * const price = estimatePriceOverride(key.config, 'gpt-4o') ?? catalog.price('gpt-4o')
 */
export function estimatePriceOverride(config: GatewayKeyConfig, model: string): TokenPrice | undefined {
  const overrides = overridesOf(config)
  return overrides === null ? undefined : lookup(overrides.highest, model)
}

/**
 * The cost of `usage` at the serving credential's override for `model` (cache reads and writes
 * at its input price), or undefined when that credential does not override the model.
 *
 * @example
 * const cost = overrideCostMicroUsd(key.config, result.providerId, result.model, usage) ?? result.costMicroUsd
 */
export function overrideCostMicroUsd(
  config: GatewayKeyConfig,
  providerId: string,
  model: string,
  usage: Usage,
): number | undefined {
  const prices = overridesOf(config)?.byProvider.get(providerId)
  const price = prices === undefined ? undefined : lookup(prices, model)
  if (price === undefined) return undefined
  const total =
    (usage.inputTokens + usage.cacheReadInputTokens + usage.cacheCreationInputTokens) * price.input +
    usage.outputTokens * price.output
  return Math.ceil(total - 1e-6)
}
