// Token usage normalised across providers, as the spend contract reports it.

/**
 * Token usage of one response. Input counts are disjoint, so cost is a plain weighted sum:
 * `inputTokens` excludes cache reads and cache writes (OpenAI's `prompt_tokens` minus
 * `cached_tokens`; Anthropic's `input_tokens` as is). `reasoningTokens` is informational and
 * already included in `outputTokens`.
 */
export interface Usage {
  inputTokens: number
  outputTokens: number
  cacheReadInputTokens: number
  cacheCreationInputTokens: number
  reasoningTokens: number
}

/** A zeroed {@link Usage}, for readers that fill it as events arrive. */
export function createUsage(): Usage {
  return {
    inputTokens: 0,
    outputTokens: 0,
    cacheReadInputTokens: 0,
    cacheCreationInputTokens: 0,
    reasoningTokens: 0,
  }
}

/** A non-negative integer from an untrusted JSON value, else 0. */
export function toTokenCount(value: unknown): number {
  return typeof value === 'number' && value > 0 && Number.isFinite(value) ? Math.floor(value) : 0
}
