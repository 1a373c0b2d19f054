// Maps Anthropic stop reasons to canonical finish reasons and back.
import type { FinishReason } from '../../canonical/types.js'
import type { AnthropicStopReason } from './types.js'

/** Anthropic `stop_reason` → canonical. `pause_turn` (server tool paused) reads as a normal stop. */
export function decodeAnthropicStopReason(reason: string | null | undefined): FinishReason {
  switch (reason) {
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length'
    case 'tool_use':
      return 'tool_calls'
    case 'refusal':
      return 'content_filter'
    default:
      return 'stop'
  }
}

/** Canonical → Anthropic `stop_reason`; a stop caused by a stop sequence says so. */
export function encodeAnthropicStopReason(reason: FinishReason, stopSequence?: string): AnthropicStopReason {
  switch (reason) {
    case 'length':
      return 'max_tokens'
    case 'tool_calls':
      return 'tool_use'
    case 'content_filter':
      return 'refusal'
    default:
      return stopSequence === undefined ? 'end_turn' : 'stop_sequence'
  }
}
