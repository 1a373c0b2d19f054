// POST /resolve-key: a presented raw key in, a signed bundle JWT and key identity out.
import * as v from 'valibot'
import { revisionSchema } from './common.js'
import { parseWith } from './parse.js'

/**
 * Body a gateway sends to `POST /resolve-key`. Only `key_presented` is required: LangWatch's
 * gateway sends nothing else (its node id travels in `X-LangWatch-Gateway-Node`); ours adds
 * `gateway_node_id`. Unknown fields are ignored.
 */
export const resolveKeyRequestSchema = v.object({
  key_presented: v.pipe(v.string(), v.minLength(1)),
  gateway_node_id: v.optional(v.string()),
  /** Sent by LangWatch's gateway with a licence token; ignored for a virtual key. */
  instance_id: v.optional(v.string()),
})

/** Body of a 200 answer from `POST /resolve-key`. */
export const resolveKeyResponseSchema = v.object({
  jwt: v.pipe(v.string(), v.minLength(1)),
  revision: revisionSchema,
  key_id: v.pipe(v.string(), v.minLength(1)),
  display_prefix: v.string(),
})

export type ResolveKeyRequest = v.InferOutput<typeof resolveKeyRequestSchema>
export type ResolveKeyResponse = v.InferOutput<typeof resolveKeyResponseSchema>

/**
 * Validates a resolve-key request body (control-plane side); throws `bad_request` naming the field.
 *
 * @example
 * const { key_presented } = parseResolveKeyRequest(JSON.parse(body))
 */
export function parseResolveKeyRequest(json: unknown): ResolveKeyRequest {
  return parseWith(resolveKeyRequestSchema, json, 'resolve-key request', 'bad_request')
}

/**
 * Validates a resolve-key answer (gateway side); throws `internal_error` naming the field.
 *
 * @example
 * const { jwt } = parseResolveKeyResponse(await body.json())
 */
export function parseResolveKeyResponse(json: unknown): ResolveKeyResponse {
  return parseWith(resolveKeyResponseSchema, json, 'resolve-key response', 'internal_error')
}
