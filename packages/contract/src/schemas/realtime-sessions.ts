// /realtime-sessions: book a realtime voice session, correlate or end it, and report its usage.
import * as v from 'valibot'
import { spendUsageSchema } from './spend-commands.js'

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(256))

/** `POST /realtime-sessions`: the session a mint is booked against. */
export const reserveRealtimeSessionRequestSchema = v.object({
  session_id: id,
  project_id: id,
  organization_id: id,
  virtual_key_id: id,
  model_provider_id: id,
  trace_id: v.optional(v.pipe(v.string(), v.maxLength(128))),
  requested_model: v.optional(v.pipe(v.string(), v.maxLength(512))),
  vendor: v.picklist(['openai', 'elevenlabs']),
  agent_id: v.optional(v.pipe(v.string(), v.maxLength(256))),
  model: v.pipe(v.string(), v.minLength(1), v.maxLength(512)),
})
export type ReserveRealtimeSessionRequest = v.InferOutput<typeof reserveRealtimeSessionRequestSchema>

/** A 200 answer to a reservation. */
export const reserveRealtimeSessionResponseSchema = v.object({
  session_id: v.string(),
  status: v.literal('OPEN'),
})

/** `PATCH /realtime-sessions/:session_id`: a vendor correlation id or a terminal status (one is required). */
export const patchRealtimeSessionRequestSchema = v.pipe(
  v.object({
    project_id: id,
    vendor_conversation_id: v.optional(id),
    status: v.optional(v.picklist(['FAILED', 'EXPIRED'])),
    reason: v.optional(v.pipe(v.string(), v.maxLength(256))),
  }),
  v.check(
    (body) => body.vendor_conversation_id !== undefined || body.status !== undefined,
    'a vendor_conversation_id or a terminal status is required',
  ),
)
export type PatchRealtimeSessionRequest = v.InferOutput<typeof patchRealtimeSessionRequestSchema>

/** A 200 answer to a patch. */
export const patchRealtimeSessionResponseSchema = v.object({
  session_id: v.string(),
  updated: v.literal(true),
})

/** `POST /realtime-sessions/:session_id/usage`: what a booked session consumed, and whose key it was. */
export const reportRealtimeUsageRequestSchema = v.object({
  project_id: id,
  virtual_key_id: id,
  usage: spendUsageSchema,
})
export type ReportRealtimeUsageRequest = v.InferOutput<typeof reportRealtimeUsageRequestSchema>

/** A 200 answer to a usage report. */
export const reportRealtimeUsageResponseSchema = v.object({
  session_id: v.string(),
  status: v.literal('CLOSED'),
})
