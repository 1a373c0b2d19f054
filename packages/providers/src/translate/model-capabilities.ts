// Guesses from a model id whether it is a reasoning model, when the caller's catalogue does not say.
import type { TargetWire } from './wire.js'

// OpenAI reasoning families: o1/o3/o4…, gpt-5…, and codex models.
const openaiReasoning = /(^|\/)(o\d|gpt-5|codex)/i
// Claude models without extended thinking: the 3.x family except 3.7 Sonnet.
const claudeWithoutThinking = /claude-(instant|2|3-(?!7)|3\.5)/i
// Gemini thinking models: 2.5 and later (2.0 Flash Thinking was experimental and is retired).
const geminiThinking = /gemini-(?:2\.5|[3-9])/i

/**
 * Whether `model` on `wire` accepts reasoning settings. OpenAI reasoning models also reject
 * sampling settings (`temperature`, `top_p`), so the same answer drives dropping those.
 *
 * @example
 * isReasoningModel('openai-chat', 'gpt-4o') // false
 * isReasoningModel('anthropic-messages', 'claude-sonnet-4-5') // true
 * isReasoningModel('gemini', 'gemini-2.5-flash') // true
 */
export function isReasoningModel(wire: TargetWire, model: string): boolean {
  if (wire === 'anthropic-messages') return !claudeWithoutThinking.test(model)
  if (wire === 'gemini') return geminiThinking.test(model)
  if (wire === 'bedrock-converse') return model.includes('claude') && !claudeWithoutThinking.test(model)
  return openaiReasoning.test(model)
}
