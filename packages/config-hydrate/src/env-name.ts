// Derives environment variable names from schema keys and holds per-schema name overrides.
import type * as v from 'valibot'
import { copySchema, findInChain } from './schema-chain.js'

const envNameOverrides = new WeakMap<object, string>()
const validEnvName = /^[A-Za-z_][A-Za-z0-9_]*$/

/**
 * Converts one schema key to UPPER_SNAKE_CASE.
 *
 * @example
 * toEnvName('maxRequestBodyBytes') // 'MAX_REQUEST_BODY_BYTES'
 * toEnvName('otlpURL') // 'OTLP_URL'
 */
export function toEnvName(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase()
}

/** Joins a parent prefix and a child key: `('SERVER', 'addr')` → `SERVER_ADDR`. */
export function joinEnvName(prefix: string, key: string): string {
  const child = toEnvName(key)
  return prefix === '' ? child : `${prefix}_${child}`
}

/**
 * Returns a copy of `schema` read from `name` instead of the derived name. On a field the name
 * replaces the whole variable name; on a nested `v.object` group it replaces the prefix its
 * children are joined to. The original schema is left untouched, so one field builder result
 * can be reused under different names.
 *
 * @example
 * const schema = v.object({
 *   controlPlane: v.object({ baseUrl: withEnvName(envUrl('http://localhost:5560'), 'LW_GATEWAY_BASE_URL') }),
 *   authCache: withEnvName(v.object({ hardGrace: envDuration() }), 'LW_GATEWAY_AUTH_CACHE'),
 * })
 */
export function withEnvName<TSchema extends v.GenericSchema>(schema: TSchema, name: string): TSchema {
  if (!validEnvName.test(name)) {
    throw new TypeError(`withEnvName: "${name}" is not a valid environment variable name`)
  }
  const copy = copySchema(schema)
  envNameOverrides.set(copy, name)
  return copy
}

/** The name set with {@link withEnvName} on this schema or on what it wraps. */
export function getEnvNameOverride(schema: v.GenericSchema): string | undefined {
  return findInChain(schema, (candidate) => envNameOverrides.get(candidate))
}
