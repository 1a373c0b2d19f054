// Maps Bedrock Converse `stopReason` values to canonical finish reasons.
import type { FinishReason } from '../../canonical/types.js'

/**
 * Converse `stopReason` → canonical: `end_turn` / `stop_sequence` stop, `tool_use` calls tools,
 * `max_tokens` / `model_context_window_exceeded` hit the length limit, `content_filtered` and
 * `guardrail_intervened` are content filters, malformed model output or tool use is an error.
 *
 * @example
 * decodeConverseStopReason('guardrail_intervened') // 'content_filter'
 */
export function decodeConverseStopReason(reason: unknown): FinishReason {
  switch (reason) {
    case 'tool_use':
      return 'tool_calls'
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length'
    case 'content_filtered':
    case 'guardrail_intervened':
      return 'content_filter'
    case 'malformed_model_output':
    case 'malformed_tool_use':
      return 'error'
    default:
      return 'stop'
  }
}
