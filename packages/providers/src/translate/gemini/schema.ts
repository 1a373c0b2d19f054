// Rewrites a JSON Schema into the OpenAPI 3.0 subset Gemini accepts for tool parameters and responseSchema.
import { isRecord } from '../json.js'

type Schema = Record<string, unknown>

/** Keys Gemini's `Schema` object accepts; everything else is dropped. */
const keptKeys = new Set([
  'type',
  'format',
  'description',
  'nullable',
  'enum',
  'items',
  'minItems',
  'maxItems',
  'properties',
  'required',
  'minProperties',
  'maxProperties',
  'minLength',
  'maxLength',
  'pattern',
  'minimum',
  'maximum',
  'default',
  'example',
  'anyOf',
  'propertyOrdering',
])

/** The `format` values Gemini honours per type; others make it refuse the schema. */
const formatsByType: Record<string, readonly string[]> = {
  string: ['enum', 'date-time'],
  integer: ['int32', 'int64'],
  number: ['float', 'double'],
}

/** Cycles of `$ref` are cut here: a recursive schema cannot be written without references. */
const maxRefDepth = 16

/**
 * Cleans a JSON Schema for Gemini: local `$ref`s are inlined (a recursive one becomes a plain
 * object), `oneOf` becomes `anyOf`, `allOf` is merged, `type: [T, "null"]` and `null` branches
 * become `nullable`, `const` becomes a one-value enum, enums of non-strings move into the
 * description (Gemini enums are strings only), unsupported `format`s and every keyword outside
 * Gemini's subset (`$schema`, `additionalProperties`, `title`, `examples`, `not`, `if`…) are dropped,
 * empty `properties` are removed and `required` keeps only declared properties.
 *
 * @example
 * cleanGeminiSchema({ type: 'object', additionalProperties: false, properties: { n: { type: ['integer', 'null'] } } })
 * // { type: 'object', properties: { n: { type: 'integer', nullable: true } } }
 */
export function cleanGeminiSchema(schema: Record<string, unknown>): Record<string, unknown> {
  const definitions = { ...asSchema(schema.definitions), ...asSchema(schema.$defs) }
  return clean(schema, definitions, [])
}

function asSchema(value: unknown): Schema {
  return isRecord(value) ? value : {}
}

function clean(input: Schema, definitions: Schema, refs: string[]): Schema {
  let schema = resolveRef(input, definitions, refs)
  if (schema === undefined) return { type: 'object' }
  const ref = typeof input.$ref === 'string' ? [...refs, input.$ref] : refs
  if (Array.isArray(schema.allOf)) schema = mergeAllOf(schema)
  const out: Schema = {}
  const typeList = Array.isArray(schema.type) ? schema.type.map(String) : undefined
  const nonNull = typeList?.filter((type) => type !== 'null')
  if (typeList !== undefined && nonNull !== undefined) {
    if (nonNull.length < typeList.length) out.nullable = true
    if (nonNull.length > 1) {
      const { type: _types, ...rest } = schema
      out.anyOf = nonNull.map((type) => clean({ ...rest, type }, definitions, ref))
      return out
    }
    schema = { ...schema, type: nonNull[0] }
  }
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'oneOf' || key === 'anyOf') Object.assign(out, cleanBranches(value, definitions, ref))
    else if (key === 'properties') cleanProperties(value, definitions, ref, out)
    else if (key === 'items')
      out.items = clean(asSchema(Array.isArray(value) ? value[0] : value), definitions, ref)
    else if (key === 'const') out.enum = [value]
    else if (keptKeys.has(key) && out[key] === undefined) out[key] = value
  }
  fixEnum(out)
  fixFormat(out)
  if (Array.isArray(out.required)) {
    const declared = asSchema(out.properties)
    out.required = out.required.filter((name) => typeof name === 'string' && name in declared)
    if ((out.required as unknown[]).length === 0) delete out.required
  }
  return out
}

function resolveRef(schema: Schema, definitions: Schema, refs: string[]): Schema | undefined {
  const ref = schema.$ref
  if (typeof ref !== 'string') return schema
  if (refs.includes(ref) || refs.length >= maxRefDepth) return undefined
  const name = /^#\/(?:\$defs|definitions)\/(.+)$/.exec(ref)?.[1]
  const target = name === undefined ? undefined : definitions[name]
  if (!isRecord(target)) return undefined
  const { $ref: _ref, ...siblings } = schema
  return { ...target, ...siblings }
}

function mergeAllOf(schema: Schema): Schema {
  const { allOf, ...rest } = schema
  const merged: Schema = { ...rest }
  for (const part of (allOf as unknown[]).filter(isRecord)) {
    for (const [key, value] of Object.entries(part)) {
      if (key === 'properties') merged.properties = { ...asSchema(merged.properties), ...asSchema(value) }
      else if (key === 'required' && Array.isArray(value))
        merged.required = [...(Array.isArray(merged.required) ? merged.required : []), ...value]
      else merged[key] ??= value
    }
  }
  return merged
}

// A `null` branch becomes `nullable`; a single remaining branch is inlined.
function cleanBranches(value: unknown, definitions: Schema, refs: string[]): Schema {
  const branches = Array.isArray(value) ? value.filter(isRecord) : []
  const nonNull = branches.filter((branch) => branch.type !== 'null')
  const nullable = nonNull.length < branches.length ? { nullable: true } : {}
  if (nonNull.length === 1) return { ...clean(nonNull[0]!, definitions, refs), ...nullable }
  return { anyOf: nonNull.map((branch) => clean(branch, definitions, refs)), ...nullable }
}

function cleanProperties(value: unknown, definitions: Schema, refs: string[], out: Schema): void {
  const entries = Object.entries(asSchema(value)).filter(([, property]) => isRecord(property))
  if (entries.length === 0) return
  out.properties = Object.fromEntries(
    entries.map(([name, property]) => [name, clean(property as Schema, definitions, refs)]),
  )
}

function fixEnum(out: Schema): void {
  if (!Array.isArray(out.enum)) return
  const values = out.enum.filter((value) => value !== null)
  if (values.length < out.enum.length) out.nullable = true
  if (values.every((value) => typeof value === 'string') && (out.type ?? 'string') === 'string') {
    out.enum = values
    out.type = 'string'
    return
  }
  delete out.enum
  const allowed = `Allowed values: ${values.map((value) => JSON.stringify(value)).join(', ')}.`
  out.description = typeof out.description === 'string' ? `${out.description} ${allowed}` : allowed
}

function fixFormat(out: Schema): void {
  if (out.format === undefined) return
  const allowed = formatsByType[String(out.type)] ?? []
  if (!allowed.includes(String(out.format))) delete out.format
}
