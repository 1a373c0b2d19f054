// Whether a captured stream reached its wire's terminal event (a stream cut short is never cached).
import type { ClientWire } from '@gw/providers/internal'

const terminalMarkers: Record<ClientWire, string> = {
  'openai-chat': 'data: [DONE]',
  'openai-responses': 'response.completed',
  'anthropic-messages': 'message_stop',
}

/**
 * True when `lastEvent` (the text of a stream's last complete event) is the wire's terminal
 * event: `data: [DONE]` (Chat), `response.completed` (Responses), `message_stop` (Anthropic).
 *
 * @example
 * isCompleteStream('openai-chat', 'data: [DONE]\n\n') // true
 */
export function isCompleteStream(wire: ClientWire, lastEvent: string): boolean {
  return lastEvent.includes(terminalMarkers[wire])
}
