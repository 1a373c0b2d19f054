// Maps Gemini `finishReason` values to canonical finish reasons.
import type { FinishReason } from '../../canonical/types.js'

const contentFilterReasons = new Set([
  'SAFETY',
  'RECITATION',
  'LANGUAGE',
  'BLOCKLIST',
  'PROHIBITED_CONTENT',
  'SPII',
  'IMAGE_SAFETY',
  'IMAGE_PROHIBITED_CONTENT',
  'IMAGE_RECITATION',
])

/**
 * Gemini `finishReason` → canonical. Gemini says `STOP` after function calls too, so `hasToolCalls`
 * decides `tool_calls`; safety, recitation, blocklist and similar stops are `content_filter`;
 * `MAX_TOKENS` is `length`; malformed or unexpected tool calls and `OTHER` are `error`.
 *
 * @example
 * decodeGeminiFinishReason('STOP', true) // 'tool_calls'
 */
export function decodeGeminiFinishReason(reason: unknown, hasToolCalls: boolean): FinishReason {
  if (reason === 'MAX_TOKENS') return 'length'
  if (typeof reason === 'string' && contentFilterReasons.has(reason)) return 'content_filter'
  if (reason === undefined || reason === null || reason === 'STOP')
    return hasToolCalls ? 'tool_calls' : 'stop'
  return 'error'
}
