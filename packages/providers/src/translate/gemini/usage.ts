// Maps Gemini `usageMetadata` to canonical usage (cached tokens out of the input count, thoughts into the output).
import type { CanonicalUsage } from '../../canonical/types.js'
import { createCanonicalUsage } from '../../canonical/usage.js'
import { isRecord, optionalNumber } from '../json.js'

/**
 * Gemini `usageMetadata` → canonical. Gemini's `promptTokenCount` INCLUDES `cachedContentTokenCount`
 * and `candidatesTokenCount` EXCLUDES `thoughtsTokenCount`, so input = prompt (+ tool-use prompt)
 * − cached, cache reads = cached, output = candidates + thoughts, reasoning = thoughts.
 *
 * @example
 * decodeGeminiUsage({ promptTokenCount: 100, cachedContentTokenCount: 60, candidatesTokenCount: 5, thoughtsTokenCount: 20 })
 * // { inputTokens: 40, outputTokens: 25, cacheReadInputTokens: 60, cacheCreationInputTokens: 0, reasoningTokens: 20 }
 */
export function decodeGeminiUsage(usage: unknown): CanonicalUsage {
  if (!isRecord(usage)) return createCanonicalUsage()
  const prompt =
    (optionalNumber(usage.promptTokenCount) ?? 0) + (optionalNumber(usage.toolUsePromptTokenCount) ?? 0)
  const cached = optionalNumber(usage.cachedContentTokenCount) ?? 0
  const thoughts = optionalNumber(usage.thoughtsTokenCount) ?? 0
  return createCanonicalUsage({
    inputTokens: Math.max(0, prompt - cached),
    outputTokens: (optionalNumber(usage.candidatesTokenCount) ?? 0) + thoughts,
    cacheReadInputTokens: cached,
    reasoningTokens: thoughts,
  })
}
