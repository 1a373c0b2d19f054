// Pre-dispatch cost estimate: input tokens by a local byte heuristic, output by max_tokens or a default.

/** Prices in USD per million tokens, which is also micro-USD per token. */
export interface TokenPrice {
  input: number
  output: number
}

/** What {@link estimateCostMicroUsd} needs. */
export interface CostEstimateInput {
  /** Estimated input tokens (see {@link estimateInputTokens}). */
  inputTokens: number
  /** The request's `max_tokens` (or equivalent); null when absent. */
  maxOutputTokens: number | null
  /** Output tokens assumed when the request sets no maximum. */
  defaultOutputTokens: number
  price: TokenPrice
}

/**
 * Input tokens estimated from the request body's size: ~4 bytes per token, rounded up. Cheap
 * (no tokenizer on the hot path) and settled to the provider's real count on completion.
 *
 * @example
 * estimateInputTokens(4_000) === 1_000
 */
export function estimateInputTokens(bodyBytes: number): number {
  return Math.ceil(bodyBytes / 4)
}

/**
 * Whole micro-USD to reserve before dispatch, rounded up: input × input price plus the output
 * ceiling × output price.
 *
 * @example
 * estimateCostMicroUsd({ inputTokens: 1000, maxOutputTokens: 500, defaultOutputTokens: 1024,
 *   price: { input: 3, output: 15 } }) === 10_500
 */
export function estimateCostMicroUsd(input: CostEstimateInput): number {
  const outputTokens = input.maxOutputTokens ?? input.defaultOutputTokens
  return Math.ceil(input.inputTokens * input.price.input + outputTokens * input.price.output - 1e-9)
}
