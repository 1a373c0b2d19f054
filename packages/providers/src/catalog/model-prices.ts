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
const cohereEmbed: ModelPrice = { input: 0.1, output: 0 }

/**
 * Built-in prices, keyed by model family id (dated suffixes are stripped on lookup; Bedrock
 * embedding ids are exact). Sources: the OpenAI, Anthropic, Gemini API and Bedrock pricing pages
 * as of 2025-11 (Gemini: prompts up to 200k tokens; Claude on Bedrock and Vertex at Anthropic's
 * list prices); override per deployment with `createCatalog({ overrides })` when contracts,
 * regions or new models differ.
 *
 * @example
 * builtInPrices['gpt-4o-mini'] // { input: 0.15, output: 0.6, cacheRead: 0.075 } (USD per million tokens)
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
  'gemini-3-pro-preview': { input: 2, output: 12, cacheRead: 0.2 },
  'gemini-2.5-pro': { input: 1.25, output: 10, cacheRead: 0.125 },
  'gemini-2.5-flash': { input: 0.3, output: 2.5, cacheRead: 0.03 },
  'gemini-2.5-flash-lite': { input: 0.1, output: 0.4, cacheRead: 0.01 },
  'gemini-2.0-flash': { input: 0.1, output: 0.4, cacheRead: 0.025 },
  'gemini-2.0-flash-lite': { input: 0.075, output: 0.3 },
  'gemini-embedding-001': { input: 0.15, output: 0 },
  'amazon.titan-embed-text-v2:0': { input: 0.02, output: 0 },
  'amazon.titan-embed-text-v1': { input: 0.1, output: 0 },
  'cohere.embed-english-v3': cohereEmbed,
  'cohere.embed-multilingual-v3': cohereEmbed,
  'cohere.embed-v4:0': { input: 0.12, output: 0 },
}
