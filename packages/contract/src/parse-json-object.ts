// Parses a request body as a JSON object, turning syntax errors into a 400 the client can act on.
import { GatewayError } from './errors.js'

/**
 * Parses `body` (UTF-8 bytes or a string) as a JSON object. Throws a GatewayError 400
 * `invalid_json` naming the parser's complaint for malformed JSON or an empty body, and 400
 * `bad_request` when the JSON is valid but not an object (an array, a string, null…). The one
 * JSON-object parser of the gateway and the providers package.
 *
 * @example
 * parseJsonObject(Buffer.from('{"model":"gpt-4o"}')) // { model: 'gpt-4o' }
 * parseJsonObject('{"model":') // throws invalid_json: "Unexpected end of JSON input"
 */
export function parseJsonObject(body: Buffer | string): Record<string, unknown> {
  if (body.length === 0) {
    throw new GatewayError('invalid_json', 'Request body is empty; expected a JSON object')
  }
  let value: unknown
  try {
    value = JSON.parse(typeof body === 'string' ? body : body.toString('utf8'))
  } catch (error) {
    throw new GatewayError('invalid_json', `Request body is not valid JSON: ${(error as Error).message}`, {
      cause: error,
    })
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const kind = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`
    throw new GatewayError('bad_request', `Request body must be a JSON object, got ${kind}`)
  }
  return value as Record<string, unknown>
}
