// Maps Anthropic usage objects (responses, message_start and message_delta events) to Usage.
import { toTokenCount, type Usage } from '../spec/usage.js'

/**
 * Maps an Anthropic `usage` object; its inputs are already disjoint (`input_tokens` excludes
 * cache reads and writes). Anthropic reports no separate reasoning count.
 *
 * @example
 * mapAnthropicUsage({ input_tokens: 5, output_tokens: 9, cache_read_input_tokens: 100 })
 */
export function mapAnthropicUsage(usage: Record<string, unknown>): Usage {
  return {
    inputTokens: toTokenCount(usage.input_tokens),
    outputTokens: toTokenCount(usage.output_tokens),
    cacheReadInputTokens: toTokenCount(usage.cache_read_input_tokens),
    cacheCreationInputTokens: toTokenCount(usage.cache_creation_input_tokens),
    reasoningTokens: 0,
  }
}

/**
 * Folds a `message_delta` usage into the running usage: its counts are cumulative, and input
 * fields appear only when the API reports them there, so absent fields keep their earlier value.
 */
export function mergeAnthropicDeltaUsage(current: Usage, delta: Record<string, unknown>): Usage {
  const has = (key: string) => delta[key] !== undefined && delta[key] !== null
  return {
    inputTokens: has('input_tokens') ? toTokenCount(delta.input_tokens) : current.inputTokens,
    outputTokens: has('output_tokens') ? toTokenCount(delta.output_tokens) : current.outputTokens,
    cacheReadInputTokens: has('cache_read_input_tokens')
      ? toTokenCount(delta.cache_read_input_tokens)
      : current.cacheReadInputTokens,
    cacheCreationInputTokens: has('cache_creation_input_tokens')
      ? toTokenCount(delta.cache_creation_input_tokens)
      : current.cacheCreationInputTokens,
    reasoningTokens: 0,
  }
}
