// The `regex` evaluator: deny patterns that block, or with action `modify` replace their matches.
import * as v from 'valibot'
import { compilePattern, isPatternProblem } from '../policy/compile-pattern.js'
import { allowVerdict, type GuardrailEvaluator, type Verdict } from './evaluator-types.js'

/** Settings of the `regex` evaluator. */
export const regexSettingsSchema = v.object({
  patterns: v.pipe(v.array(v.string()), v.minLength(1, 'needs at least one pattern')),
  /** `block` (default) refuses content that matches; `modify` replaces the matches. */
  action: v.optional(v.picklist(['block', 'modify']), 'block'),
  replacement: v.optional(v.string(), '[REDACTED]'),
  case_insensitive: v.optional(v.boolean(), false),
})
export type RegexSettings = v.InferOutput<typeof regexSettingsSchema>

function firstMatch(patterns: readonly RegExp[], texts: readonly string[]): RegExp | undefined {
  for (const text of texts) {
    for (const pattern of patterns) {
      pattern.lastIndex = 0
      if (pattern.test(text)) return pattern
    }
  }
  return undefined
}

/**
 * Builds a `regex` evaluator; throws an `Error` naming the first pattern that does not compile.
 *
 * @example
 * const evaluator = createRegexEvaluator(v.parse(regexSettingsSchema, { patterns: ['password\\s*='] }))
 */
export function createRegexEvaluator(settings: RegexSettings): GuardrailEvaluator {
  const flags = settings.case_insensitive ? 'gi' : 'g'
  const patterns = settings.patterns.map((source) => {
    const compiled = compilePattern(source, flags)
    if (isPatternProblem(compiled)) throw new Error(`pattern "${source}" ${compiled.problem}`)
    return compiled
  })
  const { action, replacement } = settings
  return {
    kind: 'regex',
    local: true,
    evaluate({ texts }): Verdict {
      const matched = firstMatch(patterns, texts)
      if (matched === undefined) return allowVerdict
      if (action === 'block') return { decision: 'block', reason: `matched pattern ${matched.source}` }
      const out = texts.map((text) => {
        for (const pattern of patterns) {
          pattern.lastIndex = 0
          text = text.replace(pattern, replacement)
        }
        return text
      })
      return { decision: 'modify', reason: 'replaced regex matches', texts: out }
    },
  }
}
