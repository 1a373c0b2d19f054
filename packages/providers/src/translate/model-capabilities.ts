// Guesses from a model id whether it is a reasoning model, when the caller's catalogue does not say.
import type { ClientWire } from './wire.js'

// OpenAI reasoning families: o1/o3/o4…, gpt-5…, and codex models.
const openaiReasoning = /(^|\/)(o\d|gpt-5|codex)/i
// Claude models without extended thinking: the 3.x family except 3.7 Sonnet.
const claudeWithoutThinking = /claude-(instant|2|3-(?!7)|3\.5)/i

/**
 * Whether `model` on `wire` accepts reasoning settings. OpenAI reasoning models also reject
 * sampling settings (`temperature`, `top_p`), so the same answer drives dropping those.
 *
 * @example
 * isReasoningModel('openai-chat', 'gpt-4o') // false
 * isReasoningModel('anthropic-messages', 'claude-sonnet-4-5') // true
 */
export function isReasoningModel(wire: ClientWire, model: string): boolean {
  if (wire === 'anthropic-messages') return !claudeWithoutThinking.test(model)
  return openaiReasoning.test(model)
}
