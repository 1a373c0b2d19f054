// Money as integer micro-USD (1 USD = 1,000,000): exact sums, no float drift across requests.

/**
 * USD → whole micro-USD, rounded to the nearest unit.
 *
 * @example
 * usdToMicroUsd(500) === 500_000_000
 */
export function usdToMicroUsd(usd: number): number {
  return Math.round(usd * 1_000_000)
}

/**
 * Micro-USD → USD.
 *
 * @example
 * microUsdToUsd(1_500_000) === 1.5
 */
export function microUsdToUsd(microUsd: number): number {
  return microUsd / 1_000_000
}
