// POST /spend-commands: batches of admit/confirm/fail spend records from a gateway pod.
import * as v from 'valibot'
import { parseWith } from './parse.js'

export const spendCommandNames = ['admitSpend', 'confirmSpend', 'failSpend'] as const
export type SpendCommandName = (typeof spendCommandNames)[number]

/** Most records our gateway puts in one `POST /spend-commands`. */
export const MAX_SPEND_RECORDS = 500

/**
 * Most records a control plane accepts in one batch. LangWatch's gateway ships a whole sealed
 * spool segment (~2,000 records) and retries a refused batch forever, so the receiving side is
 * sized by {@link MAX_SPEND_BATCH_BYTES}, far above what any gateway sends.
 */
export const MAX_SPEND_BATCH_RECORDS = 10_000

/** Largest `POST /spend-commands` body a control plane accepts: 4 MiB. */
export const MAX_SPEND_BATCH_BYTES = 4 * 1024 * 1024

const count = v.optional(v.pipe(v.number(), v.integer(), v.minValue(0)), 0)

/**
 * Token usage of one request; absent counts are 0. Other quantities (LangWatch's gateway adds
 * audio, image and 1-hour cache counts) are kept, so a stored payload loses none of them.
 */
export const spendUsageSchema = v.looseObject({
  input_tokens: count,
  output_tokens: count,
  cache_read_input_tokens: count,
  cache_creation_input_tokens: count,
  reasoning_tokens: count,
})
export type SpendUsage = v.InferOutput<typeof spendUsageSchema>

/**
 * A command's payload. Idempotency is per (`gateway_request_id`, command); costs are micro-USD.
 * Unknown fields are kept so newer gateways can add facts older control planes ignore.
 */
export const spendPayloadSchema = v.looseObject({
  gateway_request_id: v.pipe(v.string(), v.minLength(1)),
  vk_id: v.optional(v.string()),
  org_id: v.optional(v.string()),
  project_id: v.optional(v.nullable(v.string())),
  team_id: v.optional(v.nullable(v.string())),
  principal_id: v.optional(v.nullable(v.string())),
  model_provider_id: v.optional(v.nullable(v.string())),
  model: v.optional(v.string()),
  budget_ids: v.optional(v.array(v.string())),
  /** The end user of a request under a per-end-user budget (ours); its bucket is charged. */
  end_user_id: v.optional(v.string()),
  /** admitSpend: the reserved estimate. */
  estimated_cost_micro_usd: v.optional(v.number()),
  /** confirmSpend: the actual cost. */
  cost_micro_usd: v.optional(v.number()),
  /** confirmSpend: answered from the gateway's response cache (cost 0, no provider call). */
  cache_hit: v.optional(v.boolean()),
  usage: v.optional(spendUsageSchema),
  /** failSpend: why the reservation is released. */
  reason: v.optional(v.string()),
  /** Unix milliseconds when the command was recorded. */
  occurred_at: v.optional(v.number()),
})
export type SpendPayload = v.InferOutput<typeof spendPayloadSchema>

/**
 * One record. `pod_id`/`pod_seq` (the gap detector's evidence) default to `''`/`0` as in
 * LangWatch's contract; unknown fields are ignored.
 */
export const spendRecordSchema = v.object({
  command: v.picklist(spendCommandNames),
  payload: spendPayloadSchema,
  pod_id: v.optional(v.pipe(v.string(), v.maxLength(128)), ''),
  pod_seq: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0)), 0),
})
export type SpendRecord = v.InferOutput<typeof spendRecordSchema>

/** Body of `POST /spend-commands` as our gateway sends it: 1 to 500 records. */
export const spendCommandsRequestSchema = v.object({
  records: v.pipe(v.array(spendRecordSchema), v.minLength(1), v.maxLength(MAX_SPEND_RECORDS)),
})
export type SpendCommandsRequest = v.InferOutput<typeof spendCommandsRequestSchema>

/** Answer: how many were accepted, and which (by index in `records`) were not and why. */
export const spendCommandsResponseSchema = v.object({
  accepted: v.number(),
  rejected: v.optional(v.array(v.object({ index: v.number(), code: v.string() })), () => []),
})
export type SpendCommandsResponse = v.InferOutput<typeof spendCommandsResponseSchema>

/**
 * Validates a spend-commands body (control-plane side); throws `bad_request` naming the field.
 *
 * @example
 * const { records } = parseSpendCommandsRequest(JSON.parse(body))
 */
export function parseSpendCommandsRequest(json: unknown): SpendCommandsRequest {
  return parseWith(spendCommandsRequestSchema, json, 'spend-commands request', 'bad_request')
}

/**
 * Validates a spend-commands answer (gateway side); throws `internal_error` naming the field.
 *
 * @example
 * const { accepted, rejected } = parseSpendCommandsResponse(json)
 */
export function parseSpendCommandsResponse(json: unknown): SpendCommandsResponse {
  return parseWith(spendCommandsResponseSchema, json, 'spend-commands response', 'internal_error')
}
