// Produces a loggable copy of a hydrated config with secret values masked.
import { type ConfigSchema, collectFields } from './collect-fields.js'
import { maskedValue } from './config-error.js'
import { readAtPath, writeAtPath } from './object-path.js'

/**
 * Copies `config` keeping its nesting, with secrets shown as `***` (unset secrets as `null`).
 * Safe to log or print in `--print-config` style output.
 *
 * @example
 * console.log(JSON.stringify(redactConfig(schema, config), null, 2))
 */
export function redactConfig<TSchema extends ConfigSchema>(
  schema: TSchema,
  config: object,
): Record<string, unknown> {
  const dump: Record<string, unknown> = {}
  for (const { path, meta } of collectFields(schema)) {
    const value = readAtPath(config, path)
    let shown: unknown = structuredClone(value)
    if (meta.secret && value === undefined) shown = null
    else if (meta.redact !== undefined) shown = meta.redact(value)
    else if (meta.secret) shown = maskedValue
    writeAtPath(dump, path, shown)
  }
  return dump
}
