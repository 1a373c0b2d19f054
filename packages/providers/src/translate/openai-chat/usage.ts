// Maps OpenAI Chat usage (prompt_tokens INCLUDES cached tokens) to canonical usage and back.
import type { CanonicalUsage } from '../../canonical/types.js'
import { createCanonicalUsage, totalInputTokens } from '../../canonical/usage.js'
import { isRecord, optionalNumber } from '../json.js'
import type { OpenAIChatUsage } from './types.js'

/** OpenAI Chat `usage` → canonical: cached tokens are taken out of the input count. */
export function decodeChatUsage(usage: unknown): CanonicalUsage {
  if (!isRecord(usage)) return createCanonicalUsage()
  const prompt = isRecord(usage.prompt_tokens_details) ? usage.prompt_tokens_details : {}
  const completion = isRecord(usage.completion_tokens_details) ? usage.completion_tokens_details : {}
  const cached = optionalNumber(prompt.cached_tokens) ?? 0
  return createCanonicalUsage({
    inputTokens: Math.max(0, (optionalNumber(usage.prompt_tokens) ?? 0) - cached),
    outputTokens: optionalNumber(usage.completion_tokens),
    cacheReadInputTokens: cached,
    reasoningTokens: optionalNumber(completion.reasoning_tokens),
  })
}

/** Canonical → OpenAI Chat `usage`: cache reads and writes count as prompt tokens. */
export function encodeChatUsage(usage: CanonicalUsage): OpenAIChatUsage {
  const promptTokens = totalInputTokens(usage)
  return {
    prompt_tokens: promptTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: promptTokens + usage.outputTokens,
    prompt_tokens_details: { cached_tokens: usage.cacheReadInputTokens },
    completion_tokens_details: { reasoning_tokens: usage.reasoningTokens },
  }
}
