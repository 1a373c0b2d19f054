// Lists a schema's variables with their defaults and expected forms, for docs and --help.
import { type ConfigSchema, collectFields } from './collect-fields.js'
import { maskedValue } from './config-error.js'

/** One variable of a config schema. */
export interface ConfigVariable {
  variable: string
  /** Dotted path in the config object, e.g. `server.addr`. */
  path: string
  secret: boolean
  /** Unset is an error. */
  required: boolean
  /** Present only when the field has a default. */
  default?: unknown
  expected: string
}

/**
 * Describes every variable `schema` reads, in declaration order.
 *
 * @example
 * for (const row of describeConfig(schema)) console.log(`${row.variable}\t${row.expected}`)
 */
export function describeConfig<TSchema extends ConfigSchema>(schema: TSchema): ConfigVariable[] {
  return collectFields(schema).map(({ variable, path, meta, required, defaultValue }) => ({
    variable,
    path: path.join('.'),
    secret: meta.secret,
    required,
    ...(defaultValue === undefined ? {} : { default: meta.secret ? maskedValue : defaultValue }),
    expected: meta.expected,
  }))
}
