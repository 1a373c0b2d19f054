// Small JSON helpers for the side channel: a cheap pre-check before JSON.parse, safe parse, field access.

/**
 * Whether `text` holds `"<key>": {` (whitespace allowed), searched from the end where usage sits.
 * A key inside a JSON string cannot match: its quotes would be escaped.
 *
 * @example
 * hasObjectField('{"choices":[],"usage":{"prompt_tokens":1}}', 'usage') // → true
 * hasObjectField('{"usage":null}', 'usage') // → false
 */
export function hasObjectField(text: string, key: string): boolean {
  const at = text.lastIndexOf(`"${key}"`)
  if (at === -1) return false
  let index = at + key.length + 2
  while (text.charCodeAt(index) === 32) index++
  if (text.charCodeAt(index) !== 58) return false
  index++
  while (text.charCodeAt(index) === 32) index++
  return text.charCodeAt(index) === 123
}

/** JSON.parse that returns undefined instead of throwing (side-channel parsing never breaks a request). */
export function parseJsonSafely(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** Reads `object[key]` as a JSON object (not an array), or undefined. */
export function objectField(object: unknown, key: string): Record<string, unknown> | undefined {
  const value =
    typeof object === 'object' && object !== null ? (object as Record<string, unknown>)[key] : undefined
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined
}
