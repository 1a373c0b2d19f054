// One way to validate wire data at the edges: valibot safeParse, failures as GatewayError naming the field.
import * as v from 'valibot'
import { type ErrorCode, GatewayError } from '../errors.js'

/**
 * Validates `input` against `schema`; on failure throws a {@link GatewayError} with `code` whose
 * message names the first offending field (dotted path) and the problem.
 *
 * @example
 * const claims = parseWith(bundleClaimsSchema, payload, 'bundle claims', 'invalid_api_key')
 */
export function parseWith<const TSchema extends v.GenericSchema>(
  schema: TSchema,
  input: unknown,
  what: string,
  code: ErrorCode,
): v.InferOutput<TSchema> {
  const result = v.safeParse(schema, input)
  if (result.success) return result.output
  const issue = result.issues[0]
  const field = v.getDotPath(issue) ?? '(root)'
  throw new GatewayError(code, `Invalid ${what}: field "${field}": ${issue.message}`, {
    meta: { field },
  })
}
