// Renders a planned turn as an Anthropic `message` object (the non-streaming answer).
import type { Turn, TurnUsage } from '../plan-turn.js'

/** The deterministic signature the mock puts on thinking blocks. */
export const thinkingSignature = 'bW9jay10aGlua2luZy1zaWduYXR1cmU='

/** Anthropic's `usage`; `output_tokens` includes thinking tokens. */
export function messageUsage(usage: TurnUsage) {
  return {
    input_tokens: usage.inputTokens,
    cache_creation_input_tokens: usage.cacheWriteTokens,
    cache_read_input_tokens: usage.cacheReadTokens,
    cache_creation: { ephemeral_5m_input_tokens: usage.cacheWriteTokens, ephemeral_1h_input_tokens: 0 },
    output_tokens: usage.outputTokens,
    service_tier: 'standard',
  }
}

/** `tool_use` when the turn calls tools, else `end_turn`. */
export function stopReason(turn: Turn): 'tool_use' | 'end_turn' {
  return turn.toolCalls.length > 0 ? 'tool_use' : 'end_turn'
}

/** The `id` of a tool_use block. */
export function toolUseId(turn: Turn, index: number): string {
  return `toolu_${turn.id}_${index}`
}

/** The complete `message` object (also the body of Bedrock InvokeModel and Vertex rawPredict). */
export function buildMessage(turn: Turn, model: string) {
  const content: unknown[] = []
  if (turn.reasoning)
    content.push({ type: 'thinking', thinking: turn.reasoning.text, signature: thinkingSignature })
  if (turn.text !== '') content.push({ type: 'text', text: turn.text })
  for (const call of turn.toolCalls) {
    content.push({ type: 'tool_use', id: toolUseId(turn, call.index), name: call.name, input: call.input })
  }
  return {
    id: `msg_${turn.id}`,
    type: 'message',
    role: 'assistant',
    model,
    content,
    stop_reason: stopReason(turn),
    stop_sequence: null,
    usage: messageUsage(turn.usage),
  }
}
