// Small JSON helpers for translation: tolerant parsing of model-produced arguments and record checks.

/** True for a plain JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Parses tool-call arguments into an object. Models sometimes produce empty or invalid JSON;
 * Anthropic needs an object, so those become `{}` rather than failing the whole request.
 *
 * @example
 * parseArguments('{"city":"Paris"}') // { city: 'Paris' }
 */
export function parseArguments(argumentsJson: string): Record<string, unknown> {
  if (argumentsJson.trim() === '') return {}
  try {
    const value: unknown = JSON.parse(argumentsJson)
    return isRecord(value) ? value : {}
  } catch {
    return {}
  }
}

/** Reads an optional string field. */
export function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined
}

/** Reads an optional finite number field. */
export function optionalNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined
}
