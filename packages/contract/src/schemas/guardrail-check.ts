// POST /guardrail/check: run a key's guardrails over request, response or stream-window content.
import * as v from 'valibot'
import { parseWith } from './parse.js'

export const guardrailCheckDirections = ['request', 'response', 'stream_chunk'] as const
export const guardrailDecisions = ['allow', 'block', 'modify'] as const
export type GuardrailDecision = (typeof guardrailDecisions)[number]

/** Text, a message list or a structured body: the control plane's evaluators read it as sent. */
const contentSchema = v.union([v.string(), v.array(v.unknown()), v.record(v.string(), v.unknown())])

/**
 * A check request. LangWatch's gateway sends `content` as `{messages}`, `{output}` or `{chunk}`
 * and `guardrail_ids: null` when a direction has none (a nil Go slice), so null and absent
 * lists read as `[]`; unknown fields are ignored.
 */
export const guardrailCheckRequestSchema = v.object({
  vk_id: v.pipe(v.string(), v.minLength(1)),
  project_id: v.nullable(v.string()),
  gateway_request_id: v.optional(v.string()),
  direction: v.picklist(guardrailCheckDirections),
  guardrail_ids: v.pipe(
    v.optional(v.nullable(v.array(v.string())), null),
    v.transform((ids) => ids ?? []),
  ),
  content: v.optional(contentSchema, ''),
  metadata: v.optional(v.record(v.string(), v.unknown())),
})
export type GuardrailCheckRequest = v.InferOutput<typeof guardrailCheckRequestSchema>

export const guardrailCheckResponseSchema = v.object({
  decision: v.picklist(guardrailDecisions),
  reason: v.pipe(
    v.optional(v.nullable(v.string()), ''),
    v.transform((reason) => reason ?? ''),
  ),
  /** Present with `decision: 'modify'`: the content to use instead. */
  modified_content: v.optional(contentSchema),
  policies_triggered: v.optional(v.array(v.string()), () => []),
})
export type GuardrailCheckResponse = v.InferOutput<typeof guardrailCheckResponseSchema>

/**
 * Validates a guardrail check body (control-plane side); throws `bad_request` naming the field.
 *
 * @example
 * const check = parseGuardrailCheckRequest(JSON.parse(body))
 */
export function parseGuardrailCheckRequest(json: unknown): GuardrailCheckRequest {
  return parseWith(guardrailCheckRequestSchema, json, 'guardrail check request', 'bad_request')
}

/**
 * Validates a guardrail check answer (gateway side); throws `internal_error` naming the field.
 *
 * @example
 * const { decision } = parseGuardrailCheckResponse(json)
 */
export function parseGuardrailCheckResponse(json: unknown): GuardrailCheckResponse {
  return parseWith(guardrailCheckResponseSchema, json, 'guardrail check response', 'internal_error')
}
