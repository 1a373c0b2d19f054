// A small JSON Schema validator (the subset structured outputs use), enough for response checks.

/** A JSON Schema (draft 2020-12 keywords: type, enum, const, properties, required, items…). */
export type JsonSchema = Record<string, unknown>

function typeOf(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number'
  return typeof value
}

function matchesType(value: unknown, type: unknown): boolean {
  const actual = typeOf(value)
  const allowed = Array.isArray(type) ? type : [type]
  return allowed.some((each) => each === actual || (each === 'number' && actual === 'integer'))
}

/**
 * Validates `value` against `schema`; returns the first problem as `path: message`, or undefined.
 * Supported: `type`, `enum`, `const`, `properties`, `required`, `additionalProperties: false`,
 * `items`, `minItems`/`maxItems`, `minLength`/`maxLength`, `minimum`/`maximum`, `anyOf`.
 *
 * @example
 * validateJsonSchema({ a: 1 }, { type: 'object', required: ['b'] }) // → '$: missing required property "b"'
 */
export function validateJsonSchema(value: unknown, schema: JsonSchema, path = '$'): string | undefined {
  if (schema.type !== undefined && !matchesType(value, schema.type))
    return `${path}: expected ${JSON.stringify(schema.type)}, got ${typeOf(value)}`
  if (Array.isArray(schema.enum) && !schema.enum.some((each) => each === value))
    return `${path}: not one of ${JSON.stringify(schema.enum)}`
  if ('const' in schema && schema.const !== value) return `${path}: must be ${JSON.stringify(schema.const)}`
  if (Array.isArray(schema.anyOf)) {
    const ok = schema.anyOf.some((each) => validateJsonSchema(value, each as JsonSchema, path) === undefined)
    if (!ok) return `${path}: matches none of anyOf`
  }
  if (typeof value === 'string') {
    if (typeof schema.minLength === 'number' && value.length < schema.minLength) return `${path}: too short`
    if (typeof schema.maxLength === 'number' && value.length > schema.maxLength) return `${path}: too long`
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum)
      return `${path}: below ${schema.minimum}`
    if (typeof schema.maximum === 'number' && value > schema.maximum)
      return `${path}: above ${schema.maximum}`
  }
  if (Array.isArray(value)) return validateArray(value, schema, path)
  if (typeOf(value) === 'object') return validateObject(value as Record<string, unknown>, schema, path)
  return undefined
}

function validateArray(value: unknown[], schema: JsonSchema, path: string): string | undefined {
  if (typeof schema.minItems === 'number' && value.length < schema.minItems) return `${path}: too few items`
  if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) return `${path}: too many items`
  if (typeof schema.items !== 'object' || schema.items === null) return undefined
  for (let i = 0; i < value.length; i++) {
    const problem = validateJsonSchema(value[i], schema.items as JsonSchema, `${path}[${i}]`)
    if (problem !== undefined) return problem
  }
  return undefined
}

function validateObject(
  value: Record<string, unknown>,
  schema: JsonSchema,
  path: string,
): string | undefined {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>
  if (Array.isArray(schema.required)) {
    for (const name of schema.required) {
      if (!(name in value)) return `${path}: missing required property "${name}"`
    }
  }
  for (const [name, child] of Object.entries(value)) {
    const childSchema = properties[name]
    if (childSchema === undefined) {
      if (schema.additionalProperties === false) return `${path}: unexpected property "${name}"`
      continue
    }
    const problem = validateJsonSchema(child, childSchema, `${path}.${name}`)
    if (problem !== undefined) return problem
  }
  return undefined
}
