// Reads what the mock needs from an OpenAI chat-completions request body.
import { countTextChars, countToolChars } from '../count-text.js'
import { MockInputError } from '../exchange.js'
import type { ToolChoice, ToolSpec, TurnRequest } from '../plan-turn.js'
import { estimateTokens } from '../reply-text.js'

/** The chat request as the mock sees it. */
export interface ChatRequest {
  model: string
  stream: boolean
  includeUsage: boolean
  turn: TurnRequest
}

const reasoningModel = /^(?:.*\/)?(?:o\d|gpt-5)/

function readTools(tools: unknown): ToolSpec[] {
  if (!Array.isArray(tools)) return []
  const specs: ToolSpec[] = []
  for (const tool of tools) {
    const fn = tool?.type === 'function' ? tool.function : undefined
    if (fn && typeof fn.name === 'string') specs.push({ name: fn.name, schema: fn.parameters })
  }
  return specs
}

/** `tool_choice` of chat completions and the Responses API (`{type:'function', name}` there). */
export function readOpenAiToolChoice(choice: unknown): ToolChoice {
  if (choice === 'none' || choice === 'required' || choice === 'auto') return { mode: choice }
  if (choice && typeof choice === 'object') {
    const value = choice as { type?: unknown; name?: unknown; function?: { name?: unknown } }
    const name = value.function?.name ?? value.name
    if (value.type === 'function' && typeof name === 'string') return { mode: 'tool', name }
  }
  return { mode: 'auto' }
}

/** Whether an OpenAI model name implies reasoning (o-series, gpt-5). */
export function isOpenAiReasoningModel(model: string): boolean {
  return reasoningModel.test(model)
}

/**
 * Validates the fields the real API requires and extracts model, streaming flags and the turn.
 * On Azure the deployment in the path names the model.
 *
 * @example
 * readChatRequest({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] }).turn.inputTokens // 1
 */
export function readChatRequest(body: Record<string, unknown>, deployment?: string): ChatRequest {
  const model = deployment ?? body.model
  const { messages } = body
  if (typeof model !== 'string' || model === '') {
    throw new MockInputError(400, 'you must provide a model parameter')
  }
  if (!Array.isArray(messages)) throw new MockInputError(400, "Missing required parameter: 'messages'.")
  const tools = readTools(body.tools)
  const last = messages[messages.length - 1] as { role?: unknown } | undefined
  const effort = body.reasoning_effort
  const streamOptions = body.stream_options as { include_usage?: unknown } | undefined
  return {
    model,
    stream: body.stream === true,
    includeUsage: streamOptions?.include_usage === true,
    turn: {
      tools,
      toolChoice: readOpenAiToolChoice(body.tool_choice),
      parallelToolCalls: body.parallel_tool_calls !== false,
      lastIsToolResult: last?.role === 'tool' || last?.role === 'function',
      reasoning: typeof effort === 'string' ? effort !== 'none' : isOpenAiReasoningModel(model),
      inputTokens: estimateTokens(countTextChars(messages) + countToolChars(body.tools)),
    },
  }
}
