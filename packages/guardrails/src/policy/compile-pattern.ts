// Compiles one policy or guardrail pattern, the same way at write time (control plane) and in the gateway.

/** Longest pattern accepted: bounds compile time and what a pathological pattern can cost. */
export const maxPatternLength = 1_000

/** Why a pattern was refused. */
export interface PatternProblem {
  pattern: string
  problem: string
}

/**
 * Compiles a pattern as a JavaScript regular expression (no flags: write `(?i)`-style intent as
 * `[Aa]`, or anchor with `^…$`). Returns the problem instead of throwing, so callers choose the
 * status: 400 at write time, 503 `policy_invalid` in the gateway.
 *
 * @example
 * const compiled = compilePattern('^exec_')
 * if ('problem' in compiled) console.error(compiled.problem)
 */
export function compilePattern(pattern: string, flags = ''): RegExp | PatternProblem {
  if (pattern.length === 0) return { pattern, problem: 'is empty (it would match everything)' }
  if (pattern.length > maxPatternLength)
    return { pattern, problem: `is longer than ${maxPatternLength} characters` }
  try {
    return new RegExp(pattern, flags)
  } catch (error) {
    return { pattern, problem: `is not a valid regular expression (${(error as Error).message})` }
  }
}

/** True when {@link compilePattern} refused the pattern. */
export function isPatternProblem(value: RegExp | PatternProblem): value is PatternProblem {
  return !(value instanceof RegExp)
}
