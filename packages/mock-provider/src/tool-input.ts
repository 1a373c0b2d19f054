// Builds deterministic tool-call arguments from a tool's JSON schema, and splits them for streaming.

type Schema = Record<string, unknown>

function isSchema(value: unknown): value is Schema {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

function typeOf(schema: Schema): string | undefined {
  const type = schema.type
  if (typeof type === 'string') return type.toLowerCase()
  if (Array.isArray(type)) {
    const first = type.find((t) => t !== 'null')
    return typeof first === 'string' ? first.toLowerCase() : undefined
  }
  if (isSchema(schema.properties)) return 'object'
  return undefined
}

function exampleValue(schema: Schema): unknown {
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0]
  if ('const' in schema) return schema.const
  switch (typeOf(schema)) {
    case 'string':
      return 'example'
    case 'number':
    case 'integer':
      return 1
    case 'boolean':
      return true
    case 'array':
      return isSchema(schema.items) ? [exampleValue(schema.items)] : []
    case 'object':
      return buildToolInput(schema)
    default:
      return 'example'
  }
}

/**
 * Arguments for a call to a tool: every required property of its schema, with `"example"` for
 * strings, `1` for numbers, `true` for booleans, the first `enum` value when there is one.
 * Gemini's upper-case types (`STRING`, `OBJECT`) are understood too.
 *
 * @example
 * buildToolInput({ type: 'object', properties: { city: { type: 'string' } }, required: ['city'] })
 * // { city: 'example' }
 */
export function buildToolInput(schema: unknown): Record<string, unknown> {
  if (!isSchema(schema)) return {}
  const properties = isSchema(schema.properties) ? schema.properties : {}
  const required = Array.isArray(schema.required) ? schema.required : []
  const input: Record<string, unknown> = {}
  for (const name of required) {
    if (typeof name !== 'string') continue
    const property = properties[name]
    input[name] = isSchema(property) ? exampleValue(property) : 'example'
  }
  return input
}

/**
 * Splits a JSON text into `count` consecutive pieces (the last takes the rest), as providers
 * stream tool arguments in fragments that are not valid JSON on their own.
 *
 * @example
 * splitArguments('{"a":1}', 3) // ['{"a', '":1', '}']
 */
export function splitArguments(json: string, count = 3): string[] {
  const size = Math.max(1, Math.ceil(json.length / count))
  const pieces: string[] = []
  for (let start = 0; start < json.length; start += size) pieces.push(json.slice(start, start + size))
  return pieces.length > 0 ? pieces : ['']
}
