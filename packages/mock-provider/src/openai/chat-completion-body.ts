// Renders a planned turn as an OpenAI `chat.completion` object (the non-streaming answer).
import type { Turn, TurnUsage } from '../plan-turn.js'

/** OpenAI's `usage` of chat completions; `completion_tokens` includes reasoning tokens. */
export function chatUsage(usage: TurnUsage) {
  return {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
    prompt_tokens_details: { cached_tokens: usage.cacheReadTokens, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: usage.reasoningTokens,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  }
}

/** Tool calls as `message.tool_calls` lists them. */
export function chatToolCalls(turn: Turn) {
  return turn.toolCalls.map((call) => ({
    id: `call_${turn.id}_${call.index}`,
    type: 'function' as const,
    function: { name: call.name, arguments: call.arguments },
  }))
}

/**
 * The complete `chat.completion` JSON text.
 *
 * @example
 * renderChatCompletion(turn, 'gpt-4o', 1700000000) // '{"id":"chatcmpl-mock1","object":"chat.completion",…}'
 */
export function renderChatCompletion(turn: Turn, model: string, created: number): string {
  const hasTools = turn.toolCalls.length > 0
  const message = hasTools
    ? { role: 'assistant', content: null, tool_calls: chatToolCalls(turn), refusal: null, annotations: [] }
    : { role: 'assistant', content: turn.text, refusal: null, annotations: [] }
  return JSON.stringify({
    id: `chatcmpl-${turn.id}`,
    object: 'chat.completion',
    created,
    model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: hasTools ? 'tool_calls' : 'stop' }],
    usage: chatUsage(turn.usage),
    service_tier: 'default',
    system_fingerprint: 'fp_mock',
  })
}
