// Maps OpenAI usage objects (chat, responses and embeddings shapes) to the normalised Usage.
import { toTokenCount, type Usage } from '../spec/usage.js'

type Json = Record<string, unknown>

function field(object: unknown, key: string): unknown {
  return typeof object === 'object' && object !== null ? (object as Json)[key] : undefined
}

/**
 * Maps an OpenAI `usage` object. Chat and embeddings report `prompt_tokens`/`completion_tokens`,
 * the Responses API `input_tokens`/`output_tokens`; both count cached tokens inside the input,
 * which is subtracted so {@link Usage} inputs stay disjoint.
 *
 * @example
 * mapOpenAIUsage({ prompt_tokens: 10, completion_tokens: 2, prompt_tokens_details: { cached_tokens: 4 } })
 * // → { inputTokens: 6, outputTokens: 2, cacheReadInputTokens: 4, … }
 */
export function mapOpenAIUsage(usage: Json): Usage {
  const responsesShape = usage.input_tokens !== undefined
  const input = toTokenCount(responsesShape ? usage.input_tokens : usage.prompt_tokens)
  const output = toTokenCount(responsesShape ? usage.output_tokens : usage.completion_tokens)
  const inputDetails = responsesShape ? usage.input_tokens_details : usage.prompt_tokens_details
  const outputDetails = responsesShape ? usage.output_tokens_details : usage.completion_tokens_details
  const cached = Math.min(toTokenCount(field(inputDetails, 'cached_tokens')), input)
  return {
    inputTokens: input - cached,
    outputTokens: output,
    cacheReadInputTokens: cached,
    cacheCreationInputTokens: 0,
    reasoningTokens: toTokenCount(field(outputDetails, 'reasoning_tokens')),
  }
}
