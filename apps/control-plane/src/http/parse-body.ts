// Parses and validates JSON bodies with valibot; failures are 400s naming the field.
import { GatewayError, parseJsonObject } from '@gw/contract'
import * as v from 'valibot'

/**
 * Parses `text` as JSON and validates it. Throws 400 `invalid_json` for unparsable text, 400
 * `bad_request` for JSON that is not an object, and 400 `bad_request` naming the first offending field otherwise.
 *
 * @example
 * const input = parseJsonBody(createOrganizationSchema, await c.req.text())
 */
export function parseJsonBody<const TSchema extends v.GenericSchema>(
  schema: TSchema,
  text: string,
): v.InferOutput<TSchema> {
  return validate(schema, text === '' ? {} : parseJsonObject(text))
}

/**
 * Validates a value (a parsed body, part of one, or a query) and throws 400 `bad_request` naming the field.
 *
 * @example
 * const query = validate(listSchema, c.req.query())
 */
export function validate<const TSchema extends v.GenericSchema>(
  schema: TSchema,
  value: unknown,
  /** Path of `value` inside the body, prepended to the field name (e.g. `credentials`). */
  prefix?: string,
): v.InferOutput<TSchema> {
  const result = v.safeParse(schema, value)
  if (result.success) return result.output
  const issue = result.issues[0]
  const path = v.getDotPath(issue)
  const field = prefix === undefined ? (path ?? '(body)') : path === null ? prefix : `${prefix}.${path}`
  throw new GatewayError('bad_request', `Invalid field "${field}": ${issue.message}`, { meta: { field } })
}
