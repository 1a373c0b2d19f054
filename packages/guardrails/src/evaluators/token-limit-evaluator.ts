// The `max_input_tokens` and `max_output_tokens` evaluators: estimated tokens against a limit.
import * as v from 'valibot'
import { allowVerdict, estimateTokens, type GuardrailEvaluator, type Verdict } from './evaluator-types.js'

/** Settings of both token-limit evaluators. */
export const tokenLimitSettingsSchema = v.object({
  max_tokens: v.pipe(v.number(), v.integer(), v.minValue(1)),
})
export type TokenLimitSettings = v.InferOutput<typeof tokenLimitSettingsSchema>

/**
 * Builds a token-limit evaluator. Tokens are estimated as characters / 4 (no tokenizer on the
 * hot path); `max_input_tokens` reads the request, `max_output_tokens` the response and, on a
 * stream, the text so far, so a runaway answer is cut once it passes the limit.
 *
 * @example
 * const evaluator = createTokenLimitEvaluator('max_input_tokens', { max_tokens: 4000 })
 */
export function createTokenLimitEvaluator(
  kind: 'max_input_tokens' | 'max_output_tokens',
  settings: TokenLimitSettings,
): GuardrailEvaluator {
  const { max_tokens: limit } = settings
  const onInput = kind === 'max_input_tokens'
  return {
    kind,
    local: true,
    evaluate({ stage, totalChars }): Verdict {
      if ((stage === 'pre') !== onInput) return allowVerdict
      const tokens = estimateTokens(totalChars)
      return tokens > limit
        ? {
            decision: 'block',
            reason: `about ${tokens} ${onInput ? 'input' : 'output'} tokens, over the limit of ${limit}`,
          }
        : allowVerdict
    },
  }
}
