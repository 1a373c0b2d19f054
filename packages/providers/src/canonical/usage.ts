// Helpers for canonical token usage.
import type { CanonicalUsage } from './types.js'

/**
 * A usage record with every counter at zero, optionally overlaid with known counters.
 *
 * @example
 * createCanonicalUsage({ inputTokens: 12 }) // { inputTokens: 12, outputTokens: 0, … }
 */
export function createCanonicalUsage(known: Partial<CanonicalUsage> = {}): CanonicalUsage {
  return {
    inputTokens: known.inputTokens ?? 0,
    outputTokens: known.outputTokens ?? 0,
    cacheReadInputTokens: known.cacheReadInputTokens ?? 0,
    cacheCreationInputTokens: known.cacheCreationInputTokens ?? 0,
    reasoningTokens: known.reasoningTokens ?? 0,
  }
}

/** Total input tokens, cached ones included (OpenAI's `prompt_tokens` / `input_tokens`). */
export function totalInputTokens(usage: CanonicalUsage): number {
  return usage.inputTokens + usage.cacheReadInputTokens + usage.cacheCreationInputTokens
}
