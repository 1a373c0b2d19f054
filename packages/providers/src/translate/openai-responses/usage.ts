// Maps OpenAI Responses usage (input_tokens INCLUDES cached tokens) to canonical usage and back.
import type { CanonicalUsage } from '../../canonical/types.js'
import { createCanonicalUsage, totalInputTokens } from '../../canonical/usage.js'
import { isRecord, optionalNumber } from '../json.js'
import type { ResponsesUsage } from './types.js'

/** Responses `usage` → canonical: cached tokens are taken out of the input count. */
export function decodeResponsesUsage(usage: unknown): CanonicalUsage {
  if (!isRecord(usage)) return createCanonicalUsage()
  const input = isRecord(usage.input_tokens_details) ? usage.input_tokens_details : {}
  const output = isRecord(usage.output_tokens_details) ? usage.output_tokens_details : {}
  const cached = optionalNumber(input.cached_tokens) ?? 0
  return createCanonicalUsage({
    inputTokens: Math.max(0, (optionalNumber(usage.input_tokens) ?? 0) - cached),
    outputTokens: optionalNumber(usage.output_tokens),
    cacheReadInputTokens: cached,
    reasoningTokens: optionalNumber(output.reasoning_tokens),
  })
}

/** Canonical → Responses `usage`: cache reads and writes count as input tokens. */
export function encodeResponsesUsage(usage: CanonicalUsage): ResponsesUsage {
  const inputTokens = totalInputTokens(usage)
  return {
    input_tokens: inputTokens,
    input_tokens_details: { cached_tokens: usage.cacheReadInputTokens },
    output_tokens: usage.outputTokens,
    output_tokens_details: { reasoning_tokens: usage.reasoningTokens },
    total_tokens: inputTokens + usage.outputTokens,
  }
}
