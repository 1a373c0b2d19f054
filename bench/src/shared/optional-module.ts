// Loads workspace modules that may not exist yet, so a benchmark reports "skipped" instead of crashing.

/** Either the named exports, or why they are not available. */
export type OptionalExports<K extends string> =
  | { ok: true; exports: Record<K, unknown> }
  | { ok: false; reason: string }

/**
 * Imports `specifier` and checks that every name in `names` is exported and not undefined.
 * The values stay `unknown`: each caller narrows them to the shape it relies on, so this package
 * typechecks whatever state the other packages are in.
 *
 * @example
 * const loaded = await importExports('@gw/auth-cache', ['hashKey'])
 * if (!loaded.ok) return skip(loaded.reason)
 */
export async function importExports<K extends string>(
  specifier: string,
  names: readonly K[],
): Promise<OptionalExports<K>> {
  let module: Record<string, unknown>
  try {
    module = (await import(specifier)) as Record<string, unknown>
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error)
    return { ok: false, reason: `${specifier} did not load (${message})` }
  }
  const missing = names.filter((name) => module[name] === undefined)
  if (missing.length > 0)
    return { ok: false, reason: `${specifier} does not export ${missing.join(', ')} yet` }
  return { ok: true, exports: module as Record<K, unknown> }
}
