// Maps OpenAI Responses usage (input_tokens INCLUDES cached tokens) to canonical usage and back.
import type { CanonicalUsage } from '../../canonical/types.js'
import { totalInputTokens } from '../../canonical/usage.js'
import { decodeOpenAIUsage, type OpenAIUsageFields } from '../openai-chat/usage.js'
import type { ResponsesUsage } from './types.js'

const responsesUsageFields: OpenAIUsageFields = {
  input: 'input_tokens',
  output: 'output_tokens',
  inputDetails: 'input_tokens_details',
  outputDetails: 'output_tokens_details',
}

/** Responses `usage` → canonical: cached tokens are taken out of the input count. */
export function decodeResponsesUsage(usage: unknown): CanonicalUsage {
  return decodeOpenAIUsage(usage, responsesUsageFields)
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
