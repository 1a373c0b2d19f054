// Flattens a config schema into its env fields: path, variable name, metadata and default.
import * as v from 'valibot'
import { getEnvNameOverride, joinEnvName } from './env-name.js'
import { type EnvFieldMeta, findFieldMeta } from './field-meta.js'
import { findOptionalWrapper } from './schema-chain.js'

/** A config schema: a `v.object` whose entries are env fields or nested `v.object` groups. */
export type ConfigSchema = v.ObjectSchema<v.ObjectEntries, v.ErrorMessage<v.ObjectIssue> | undefined>

/** One env field of a config schema. */
export interface ConfigField {
  /** Object keys from the root, e.g. `['server', 'addr']`. */
  readonly path: readonly string[]
  readonly variable: string
  /** The schema as written in the object (may wrap the builder result in pipes or optional). */
  readonly schema: v.GenericSchema
  readonly meta: EnvFieldMeta
  /** Unset is an error. */
  readonly required: boolean
  /** The value used when unset, or `undefined` for none. */
  readonly defaultValue: unknown
}

/**
 * Lists every env field of `schema` in declaration order. Throws a TypeError on a schema that is
 * neither an env field nor a plain `v.object` group, and on two fields sharing one variable.
 *
 * @example
 * collectFields(v.object({ server: v.object({ addr: envString(':5563') }) }))[0]?.variable // 'SERVER_ADDR'
 */
export function collectFields(schema: ConfigSchema): ConfigField[] {
  const fields: ConfigField[] = []
  collectGroup(schema, [], '', fields)
  const seen = new Map<string, string>()
  for (const field of fields) {
    const other = seen.get(field.variable)
    if (other !== undefined) {
      throw new TypeError(`config schema: ${other} and ${field.path.join('.')} both read ${field.variable}`)
    }
    seen.set(field.variable, field.path.join('.'))
  }
  return fields
}

function collectGroup(group: ConfigSchema, path: string[], prefix: string, fields: ConfigField[]): void {
  for (const [key, entry] of Object.entries(group.entries)) {
    const entryPath = [...path, key]
    const variable = getEnvNameOverride(entry) ?? joinEnvName(prefix, key)
    const meta = findFieldMeta(entry)
    if (meta !== undefined) {
      fields.push(createField(entryPath, variable, entry, meta))
    } else if (isPlainObjectGroup(entry)) {
      collectGroup(entry, entryPath, variable, fields)
    } else {
      throw new TypeError(
        `config schema: ${entryPath.join('.')} must be an env field (envString(), envInteger()…) or a v.object() group without pipes; use the refine option for cross-field checks`,
      )
    }
  }
}

function createField(
  path: string[],
  variable: string,
  schema: v.GenericSchema,
  meta: EnvFieldMeta,
): ConfigField {
  const wrapper = findOptionalWrapper(schema)
  const wrapperDefault =
    wrapper === undefined ? undefined : v.getDefault(wrapper as v.OptionalSchema<v.GenericSchema, unknown>)
  const defaultValue = wrapperDefault ?? meta.defaultValue
  const required = defaultValue === undefined && !meta.optional && wrapper === undefined
  return { path, variable, schema, meta, required, defaultValue }
}

function isPlainObjectGroup(schema: v.GenericSchema): schema is ConfigSchema {
  return schema.type === 'object' && 'entries' in schema && !('pipe' in schema)
}
