// Anthropic Messages on Bedrock InvokeModel: the request body, and the stream's `chunk` frames as Messages SSE events.
import { anthropicErrorTypeForStatus } from '@gw/contract'
import { decodeBedrockError } from '../translate/bedrock-converse/errors.js'
import { isRecord, optionalString } from '../translate/json.js'
import type { SseEvent } from '../translate/stream-types.js'
import type { EventStreamMessage } from './event-stream-decoder.js'

/** The `anthropic_version` Bedrock requires in Anthropic bodies. */
export const bedrockAnthropicVersion = 'bedrock-2023-05-31'

/** Options of {@link encodeBedrockAnthropicBody}. */
export interface BedrockAnthropicBodyOptions {
  /** Beta flags (the client's `anthropic-beta` header, split on commas), sent as `anthropic_beta`. */
  betas?: readonly string[]
}

/**
 * An Anthropic Messages body for InvokeModel: without `model` (it is in the URL) and `stream` (the
 * operation decides), with `anthropic_version`; every other field is kept in order.
 *
 * @example
 * encodeBedrockAnthropicBody({ model: 'claude-sonnet-4-5', max_tokens: 5, stream: true, messages })
 * // { max_tokens: 5, messages, anthropic_version: 'bedrock-2023-05-31' }
 */
export function encodeBedrockAnthropicBody(
  body: Record<string, unknown>,
  options: BedrockAnthropicBodyOptions = {},
): Record<string, unknown> {
  const { model: _model, stream: _stream, ...rest } = body
  const out: Record<string, unknown> = { ...rest, anthropic_version: bedrockAnthropicVersion }
  if (options.betas !== undefined && options.betas.length > 0) out.anthropic_beta = [...options.betas]
  return out
}

/**
 * One InvokeModelWithResponseStream frame → the Anthropic Messages SSE event it carries: a
 * `chunk` frame's `bytes` (base64 JSON of one stream event, the event name being its `type`), or
 * an exception frame as Anthropic's `error` event (throttling → `rate_limit_error`,
 * service unavailable → `overloaded_error`…). Other frames give undefined.
 *
 * @example
 * decodeInvokeStreamEvent({ eventType: 'chunk', messageType: 'event', payload: { bytes: 'eyJ0eXBlIjoicGluZyJ9' } })
 * // { event: 'ping', data: '{"type":"ping"}' }
 */
export function decodeInvokeStreamEvent(message: EventStreamMessage): SseEvent | undefined {
  if (message.exceptionType !== undefined) {
    const error = decodeBedrockError(message.payload, undefined, message.exceptionType)
    const type = anthropicErrorTypeForStatus(error.status ?? 500)
    return {
      event: 'error',
      data: JSON.stringify({ type: 'error', error: { type, message: error.message } }),
    }
  }
  if (message.eventType !== 'chunk' || !isRecord(message.payload)) return undefined
  const bytes = optionalString(message.payload.bytes)
  if (bytes === undefined) return undefined
  const data = Buffer.from(bytes, 'base64').toString('utf8')
  const type = eventType(data)
  return type === undefined ? { data } : { event: type, data }
}

// The event name of an Anthropic stream event is its top-level `type`.
function eventType(data: string): string | undefined {
  try {
    const event: unknown = JSON.parse(data)
    return isRecord(event) ? optionalString(event.type) : undefined
  } catch {
    return undefined
  }
}
