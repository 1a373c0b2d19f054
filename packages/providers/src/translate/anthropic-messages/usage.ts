// Maps Anthropic usage (input EXCLUDES cache reads/writes) to canonical usage and back.
import type { CanonicalUsage } from '../../canonical/types.js'
import { createCanonicalUsage } from '../../canonical/usage.js'
import { isRecord, optionalNumber } from '../json.js'
import type { AnthropicUsage } from './types.js'

/** Anthropic `usage` → canonical; the conventions match, so counters copy across. */
export function decodeAnthropicUsage(usage: unknown): CanonicalUsage {
  if (!isRecord(usage)) return createCanonicalUsage()
  const details = isRecord(usage.output_tokens_details) ? usage.output_tokens_details : {}
  return createCanonicalUsage({
    inputTokens: optionalNumber(usage.input_tokens),
    outputTokens: optionalNumber(usage.output_tokens),
    cacheReadInputTokens: optionalNumber(usage.cache_read_input_tokens),
    cacheCreationInputTokens: optionalNumber(usage.cache_creation_input_tokens),
    reasoningTokens: optionalNumber(details.thinking_tokens),
  })
}

/** Canonical → Anthropic `usage`. */
export function encodeAnthropicUsage(usage: CanonicalUsage): AnthropicUsage {
  return {
    input_tokens: usage.inputTokens,
    output_tokens: usage.outputTokens,
    cache_creation_input_tokens: usage.cacheCreationInputTokens,
    cache_read_input_tokens: usage.cacheReadInputTokens,
  }
}
