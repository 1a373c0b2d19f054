// Reads one variable from the env, falling back to legacy alias names and reporting their use.

/** Reports that a legacy variable name was used in place of its canonical name. */
export type DeprecationHandler = (legacyName: string, canonicalName: string) => void

/** A non-empty value and the variable it was read from. */
export interface EnvReading {
  readonly variable: string
  readonly raw: string
}

// Process-wide so that hydrating several times (gateway + a library) warns once per name.
const reportedLegacyNames = new Set<string>()

/** Forgets which legacy names were reported, so tests can observe the warning again. */
export function resetDeprecationWarnings(): void {
  reportedLegacyNames.clear()
}

/** The default deprecation handler: one console warning. */
export const warnDeprecation: DeprecationHandler = (legacyName, canonicalName) => {
  console.warn(
    `${legacyName} is deprecated; rename it to ${canonicalName} (read only while ${canonicalName} is unset)`,
  )
}

/**
 * Reads `variable`, or when it is unset or empty the first set legacy name mapped to it in
 * `aliases` (legacy → canonical), calling `onDeprecation` once per legacy name per process.
 *
 * @example
 * readEnv('SERVER_ADDR', { GATEWAY_LISTEN_ADDR: ':8080' }, { GATEWAY_LISTEN_ADDR: 'SERVER_ADDR' }, warnDeprecation)
 * // { variable: 'GATEWAY_LISTEN_ADDR', raw: ':8080' }
 */
export function readEnv(
  variable: string,
  env: Readonly<Record<string, string | undefined>>,
  aliases: Readonly<Record<string, string>>,
  onDeprecation: DeprecationHandler,
): EnvReading | undefined {
  const canonical = env[variable]
  if (canonical !== undefined && canonical !== '') return { variable, raw: canonical }
  for (const [legacyName, canonicalName] of Object.entries(aliases)) {
    const legacy = env[legacyName]
    if (canonicalName !== variable || legacy === undefined || legacy === '') continue
    if (!reportedLegacyNames.has(legacyName)) {
      reportedLegacyNames.add(legacyName)
      onDeprecation(legacyName, canonicalName)
    }
    return { variable: legacyName, raw: legacy }
  }
  return undefined
}
