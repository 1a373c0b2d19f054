// Walks from a schema to what it wraps (a `withEnvName` original, a `v.pipe` root or a
// `v.optional` inner schema) so metadata registered on an inner schema is found from any wrapper.
import type * as v from 'valibot'

const copiedFrom = new WeakMap<object, v.GenericSchema>()
const optionalTypes = new Set(['optional', 'exact_optional', 'nullish'])

/** Returns a copy of `schema` that remembers its original; valibot getters and methods stay intact. */
export function copySchema<TSchema extends v.GenericSchema>(schema: TSchema): TSchema {
  const copy = Object.defineProperties({}, Object.getOwnPropertyDescriptors(schema)) as TSchema
  copiedFrom.set(copy, schema)
  return copy
}

/** Returns the first value `read` finds on `schema` or on the schemas it wraps, outermost first. */
export function findInChain<T>(
  schema: v.GenericSchema,
  read: (schema: v.GenericSchema) => T | undefined,
): T | undefined {
  let current: v.GenericSchema | undefined = schema
  while (current !== undefined) {
    const found = read(current)
    if (found !== undefined) return found
    current = innerSchema(current)
  }
  return undefined
}

/** The outermost `v.optional(...)`-like wrapper in the chain, if any. */
export function findOptionalWrapper(schema: v.GenericSchema): v.GenericSchema | undefined {
  return findInChain(schema, (candidate) => (optionalTypes.has(candidate.type) ? candidate : undefined))
}

function innerSchema(schema: v.GenericSchema): v.GenericSchema | undefined {
  const original = copiedFrom.get(schema)
  if (original !== undefined) return original
  // A piped schema keeps its items in `pipe`, with the wrapped schema first.
  const first = (schema as { pipe?: readonly unknown[] }).pipe?.[0] as v.GenericSchema | undefined
  if (first !== undefined && first !== schema && first.kind === 'schema') return first
  return optionalTypes.has(schema.type) ? (schema as { wrapped?: v.GenericSchema }).wrapped : undefined
}
