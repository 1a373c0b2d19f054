// Maps OpenAI Chat usage (prompt_tokens INCLUDES cached tokens) to canonical usage and back.
import type { CanonicalUsage } from '../../canonical/types.js'
import { createCanonicalUsage, totalInputTokens } from '../../canonical/usage.js'
import { isRecord, optionalNumber } from '../json.js'
import type { OpenAIChatUsage } from './types.js'

/** Where an OpenAI-wire `usage` keeps its counts: Chat and Responses name them differently. */
export interface OpenAIUsageFields {
  input: string
  output: string
  inputDetails: string
  outputDetails: string
}

const chatUsageFields: OpenAIUsageFields = {
  input: 'prompt_tokens',
  output: 'completion_tokens',
  inputDetails: 'prompt_tokens_details',
  outputDetails: 'completion_tokens_details',
}

/**
 * An OpenAI-wire `usage` → canonical: the input count includes cached tokens there, so they are
 * taken out of it (canonical input tokens are disjoint from cache reads).
 *
 * @example
 * decodeOpenAIUsage({ input_tokens: 10 }, { input: 'input_tokens', … })
 */
export function decodeOpenAIUsage(usage: unknown, fields: OpenAIUsageFields): CanonicalUsage {
  if (!isRecord(usage)) return createCanonicalUsage()
  const inputDetails = usage[fields.inputDetails]
  const outputDetails = usage[fields.outputDetails]
  const cached = optionalNumber(isRecord(inputDetails) ? inputDetails.cached_tokens : undefined) ?? 0
  return createCanonicalUsage({
    inputTokens: Math.max(0, (optionalNumber(usage[fields.input]) ?? 0) - cached),
    outputTokens: optionalNumber(usage[fields.output]),
    cacheReadInputTokens: cached,
    reasoningTokens: optionalNumber(isRecord(outputDetails) ? outputDetails.reasoning_tokens : undefined),
  })
}

/** OpenAI Chat `usage` → canonical: cached tokens are taken out of the input count. */
export function decodeChatUsage(usage: unknown): CanonicalUsage {
  return decodeOpenAIUsage(usage, chatUsageFields)
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
