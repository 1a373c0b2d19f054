// Builds the OpenAI Responses API `response` object and its output items from a planned turn.
import type { Turn } from '../plan-turn.js'
import type { ResponsesRequest } from './read-responses-request.js'

/** Ids of a turn's output items. */
export const responseIds = {
  response: (turn: Turn) => `resp_${turn.id}`,
  reasoning: (turn: Turn) => `rs_${turn.id}`,
  message: (turn: Turn) => `msg_${turn.id}`,
  functionCall: (turn: Turn, index: number) => `fc_${turn.id}_${index}`,
  callId: (turn: Turn, index: number) => `call_${turn.id}_${index}`,
}

/** An `output_text` content part. */
export function outputText(text: string) {
  return { type: 'output_text', annotations: [], logprobs: [], text }
}

/** The completed output items: reasoning, then the message or the function calls. */
export function buildOutputItems(turn: Turn): Array<Record<string, unknown>> {
  const items: Array<Record<string, unknown>> = []
  if (turn.reasoning) items.push({ id: responseIds.reasoning(turn), type: 'reasoning', summary: [] })
  if (turn.text !== '') {
    items.push({
      id: responseIds.message(turn),
      type: 'message',
      status: 'completed',
      role: 'assistant',
      content: [outputText(turn.text)],
    })
  }
  for (const call of turn.toolCalls) {
    items.push({
      id: responseIds.functionCall(turn, call.index),
      type: 'function_call',
      status: 'completed',
      arguments: call.arguments,
      call_id: responseIds.callId(turn, call.index),
      name: call.name,
    })
  }
  return items
}

/** The Responses `usage`; `output_tokens` includes reasoning tokens. */
export function responseUsage(turn: Turn) {
  const { usage } = turn
  return {
    input_tokens: usage.inputTokens,
    input_tokens_details: { cached_tokens: usage.cacheReadTokens },
    output_tokens: usage.outputTokens,
    output_tokens_details: { reasoning_tokens: usage.reasoningTokens },
    total_tokens: usage.inputTokens + usage.outputTokens,
  }
}

/**
 * The `response` object; `completed` has the output and usage, `in_progress` has neither.
 *
 * @example
 * buildResponse(turn, request, 1700000000, true).status // 'completed'
 */
export function buildResponse(turn: Turn, request: ResponsesRequest, createdAt: number, completed: boolean) {
  return {
    id: responseIds.response(turn),
    object: 'response',
    created_at: createdAt,
    status: completed ? 'completed' : 'in_progress',
    background: false,
    error: null,
    incomplete_details: null,
    instructions: request.instructions,
    max_output_tokens: request.maxOutputTokens,
    model: request.model,
    output: completed ? buildOutputItems(turn) : [],
    parallel_tool_calls: request.turn.parallelToolCalls,
    previous_response_id: null,
    reasoning: { effort: request.reasoningEffort, summary: null },
    service_tier: 'default',
    store: true,
    temperature: 1,
    text: { format: { type: 'text' }, verbosity: 'medium' },
    tool_choice: request.toolChoice,
    tools: request.tools,
    top_p: 1,
    truncation: 'disabled',
    usage: completed ? responseUsage(turn) : null,
    user: null,
    metadata: {},
  }
}
