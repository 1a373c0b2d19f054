// Reads what the mock needs from an OpenAI Responses API request body.
import { countTextChars, countToolChars } from '../count-text.js'
import { MockInputError } from '../exchange.js'
import type { ToolSpec, TurnRequest } from '../plan-turn.js'
import { estimateTokens } from '../reply-text.js'
import { isOpenAiReasoningModel, readOpenAiToolChoice } from './read-chat-request.js'

/** The Responses request as the mock sees it; echoed fields are kept for the response object. */
export interface ResponsesRequest {
  model: string
  stream: boolean
  instructions: string | null
  maxOutputTokens: number | null
  toolChoice: unknown
  tools: unknown[]
  reasoningEffort: string | null
  turn: TurnRequest
}

function readTools(tools: unknown[]): ToolSpec[] {
  return tools
    .filter((tool): tool is { type: 'function'; name: string; parameters?: unknown } => {
      const value = tool as { type?: unknown; name?: unknown }
      return value?.type === 'function' && typeof value.name === 'string'
    })
    .map((tool) => ({ name: tool.name, schema: tool.parameters }))
}

/**
 * Validates and extracts a Responses request: `input` as a string or items, `instructions`,
 * function `tools`, `tool_choice`, `reasoning.effort`.
 *
 * @example
 * readResponsesRequest({ model: 'gpt-4o', input: 'Hi' }).turn.inputTokens // 1
 */
export function readResponsesRequest(body: Record<string, unknown>): ResponsesRequest {
  const { model, input } = body
  if (typeof model !== 'string' || model === '')
    throw new MockInputError(400, "Missing required parameter: 'model'.")
  if (typeof input !== 'string' && !Array.isArray(input)) {
    throw new MockInputError(400, "Missing required parameter: 'input'.")
  }
  const tools = Array.isArray(body.tools) ? body.tools : []
  const last = Array.isArray(input) ? (input.at(-1) as { type?: unknown } | undefined) : undefined
  const effort = (body.reasoning as { effort?: unknown } | undefined)?.effort
  const reasoningEffort = typeof effort === 'string' ? effort : null
  return {
    model,
    stream: body.stream === true,
    instructions: typeof body.instructions === 'string' ? body.instructions : null,
    maxOutputTokens: typeof body.max_output_tokens === 'number' ? body.max_output_tokens : null,
    toolChoice: body.tool_choice ?? 'auto',
    tools,
    reasoningEffort,
    turn: {
      tools: readTools(tools),
      toolChoice: readOpenAiToolChoice(body.tool_choice),
      parallelToolCalls: body.parallel_tool_calls !== false,
      lastIsToolResult: last?.type === 'function_call_output',
      reasoning: reasoningEffort !== null ? reasoningEffort !== 'none' : isOpenAiReasoningModel(model),
      inputTokens: estimateTokens(
        countTextChars({ input, instructions: body.instructions }) + countToolChars(tools),
      ),
    },
  }
}
