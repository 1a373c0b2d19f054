// Maps Responses status and incomplete reasons to canonical finish reasons and back.
import type { FinishReason } from '../../canonical/types.js'
import { isRecord } from '../json.js'
import type { ResponsesResponse } from './types.js'

/**
 * Responses `status` (+ `incomplete_details.reason`, + whether any function call was made) →
 * canonical finish reason. Responses has no "tool calls" status: a completed response with a
 * function call finished to call tools.
 */
export function decodeResponsesStatus(
  status: unknown,
  incompleteDetails: unknown,
  calledTools: boolean,
): FinishReason {
  if (status === 'failed') return 'error'
  if (status === 'incomplete') {
    const reason = isRecord(incompleteDetails) ? incompleteDetails.reason : undefined
    return reason === 'content_filter' ? 'content_filter' : 'length'
  }
  return calledTools ? 'tool_calls' : 'stop'
}

/** Canonical finish reason → Responses `status` and `incomplete_details`. */
export function encodeResponsesStatus(
  reason: FinishReason,
): Pick<ResponsesResponse, 'status' | 'incomplete_details'> {
  if (reason === 'length')
    return { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } }
  if (reason === 'content_filter')
    return { status: 'incomplete', incomplete_details: { reason: 'content_filter' } }
  if (reason === 'error') return { status: 'failed', incomplete_details: null }
  return { status: 'completed', incomplete_details: null }
}
