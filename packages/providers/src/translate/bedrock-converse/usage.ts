// Maps Bedrock Converse `usage` to canonical usage (same convention: input excludes cache reads and writes).
import type { CanonicalUsage } from '../../canonical/types.js'
import { createCanonicalUsage } from '../../canonical/usage.js'
import { isRecord, optionalNumber } from '../json.js'

/**
 * Converse `usage` → canonical. `inputTokens` already excludes `cacheReadInputTokens` and
 * `cacheWriteInputTokens` (`totalTokens` is their sum with the output), so counters copy across;
 * Converse reports no separate reasoning count.
 *
 * @example
 * decodeConverseUsage({ inputTokens: 12, outputTokens: 5, cacheReadInputTokens: 100 })
 */
export function decodeConverseUsage(usage: unknown): CanonicalUsage {
  if (!isRecord(usage)) return createCanonicalUsage()
  return createCanonicalUsage({
    inputTokens: optionalNumber(usage.inputTokens),
    outputTokens: optionalNumber(usage.outputTokens),
    cacheReadInputTokens: optionalNumber(usage.cacheReadInputTokens),
    cacheCreationInputTokens: optionalNumber(usage.cacheWriteInputTokens),
  })
}
