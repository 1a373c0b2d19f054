// Maps OpenAI Chat finish reasons to canonical finish reasons and back.
import type { FinishReason } from '../../canonical/types.js'
import type { OpenAIChatFinishReason } from './types.js'

/** OpenAI Chat `finish_reason` → canonical (legacy `function_call` counts as a tool call). */
export function decodeChatFinishReason(reason: unknown): FinishReason {
  switch (reason) {
    case 'length':
      return 'length'
    case 'tool_calls':
    case 'function_call':
      return 'tool_calls'
    case 'content_filter':
      return 'content_filter'
    default:
      return 'stop'
  }
}

/** Canonical → OpenAI Chat `finish_reason`; an error ends like a stop (the error itself is sent apart). */
export function encodeChatFinishReason(reason: FinishReason): OpenAIChatFinishReason {
  return reason === 'error' ? 'stop' : reason
}
