// `models_allowed` patterns compiled once into one anchored regular expression.

/**
 * Compiles glob patterns (`*` matches any run of characters, everything else is literal) into
 * one predicate. Returns undefined when the list is empty or contains `*`, meaning "any model".
 *
 * @example
 * const allowed = compileModelGlobs(['gpt-4o*', 'anthropic/*'])
 * allowed?.('gpt-4o-mini') // → true
 * allowed?.('claude-3-opus') // → false
 */
export function compileModelGlobs(
  patterns: readonly string[] | undefined,
): ((name: string) => boolean) | undefined {
  if (patterns === undefined || patterns.length === 0 || patterns.includes('*')) return undefined
  const sources = patterns.map((pattern) =>
    pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*'),
  )
  const regex = new RegExp(`^(?:${sources.join('|')})$`)
  return (name) => regex.test(name)
}
