// Published list prices in USD per million tokens, as of 2025-11 (standard tier, no batch discount).

/** Prices of one model in USD per million tokens (= micro-USD per token). */
export interface ModelPrice {
  input: number
  output: number
  /** Cached input reads; defaults to `input` when absent. */
  cacheRead?: number
  /** Cache writes (Anthropic 5-minute TTL rate); defaults to `input` when absent. */
  cacheWrite?: number
}

const sonnet: ModelPrice = { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 }
const opus: ModelPrice = { input: 15, output: 75, cacheRead: 1.5, cacheWrite: 18.75 }
const gpt5: ModelPrice = { input: 1.25, output: 10, cacheRead: 0.125 }

/**
 * Built-in prices, keyed by model family id (dated suffixes are stripped on lookup). Sources:
 * the OpenAI and Anthropic pricing pages as of 2025-11; override per deployment with
 * `createCatalog({ overrides })` when contracts or new models differ.
 */
export const builtInPrices: Readonly<Record<string, ModelPrice>> = {
  'gpt-4o': { input: 2.5, output: 10, cacheRead: 1.25 },
  'gpt-4o-mini': { input: 0.15, output: 0.6, cacheRead: 0.075 },
  'gpt-4.1': { input: 2, output: 8, cacheRead: 0.5 },
  'gpt-4.1-mini': { input: 0.4, output: 1.6, cacheRead: 0.1 },
  'gpt-4.1-nano': { input: 0.1, output: 0.4, cacheRead: 0.025 },
  o1: { input: 15, output: 60, cacheRead: 7.5 },
  'o1-mini': { input: 1.1, output: 4.4, cacheRead: 0.55 },
  o3: { input: 2, output: 8, cacheRead: 0.5 },
  'o3-mini': { input: 1.1, output: 4.4, cacheRead: 0.55 },
  'o4-mini': { input: 1.1, output: 4.4, cacheRead: 0.275 },
  'gpt-5': gpt5,
  'gpt-5.1': gpt5,
  'gpt-5-chat': gpt5,
  'gpt-5-mini': { input: 0.25, output: 2, cacheRead: 0.025 },
  'gpt-5-nano': { input: 0.05, output: 0.4, cacheRead: 0.005 },
  'text-embedding-3-small': { input: 0.02, output: 0 },
  'text-embedding-3-large': { input: 0.13, output: 0 },
  'text-embedding-ada-002': { input: 0.1, output: 0 },
  'claude-3-haiku': { input: 0.25, output: 1.25, cacheRead: 0.03, cacheWrite: 0.3 },
  'claude-3-opus': opus,
  'claude-3-5-haiku': { input: 0.8, output: 4, cacheRead: 0.08, cacheWrite: 1 },
  'claude-3-5-sonnet': sonnet,
  'claude-3-7-sonnet': sonnet,
  'claude-sonnet-4': sonnet,
  'claude-sonnet-4-0': sonnet,
  'claude-sonnet-4-5': sonnet,
  'claude-opus-4': opus,
  'claude-opus-4-0': opus,
  'claude-opus-4-1': opus,
  'claude-opus-4-5': { input: 5, output: 25, cacheRead: 0.5, cacheWrite: 6.25 },
  'claude-haiku-4-5': { input: 1, output: 5, cacheRead: 0.1, cacheWrite: 1.25 },
}
