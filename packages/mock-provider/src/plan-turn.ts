// Decides what the mock answers to one request, independent of any wire: text, tool calls, reasoning, usage.
import { estimateTokens, type ReplyText, reasoningText, splitText } from './reply-text.js'
import { buildToolInput, splitArguments } from './tool-input.js'

/** A function tool the request offered. */
export interface ToolSpec {
  name: string
  schema: unknown
}

/** `auto` may call, `required` must call any, `tool` must call `name`, `none` must not call. */
export interface ToolChoice {
  mode: 'auto' | 'none' | 'required' | 'tool'
  name?: string
}

/** What the wire readers extract from a request body. */
export interface TurnRequest {
  tools: ToolSpec[]
  toolChoice: ToolChoice
  parallelToolCalls: boolean
  /** The last message carries tool results: an `auto` turn answers in text. */
  lastIsToolResult: boolean
  reasoning: boolean
  inputTokens: number
  cacheReadTokens?: number
  cacheWriteTokens?: number
}

/** One tool call of the answer. */
export interface PlannedToolCall {
  index: number
  name: string
  input: Record<string, unknown>
  arguments: string
  argumentChunks: string[]
}

/** Token usage of the answer; `outputTokens` includes `reasoningTokens`. */
export interface TurnUsage {
  inputTokens: number
  outputTokens: number
  reasoningTokens: number
  cacheReadTokens: number
  cacheWriteTokens: number
}

/** The answer, ready for any wire to render. */
export interface Turn {
  /** Unique per request, used in ids (`chatcmpl-<id>`, `toolu_<id>_0`). */
  id: string
  text: string
  textChunks: string[]
  toolCalls: PlannedToolCall[]
  reasoning?: { text: string; chunks: string[]; tokens: number }
  usage: TurnUsage
}

const reasoningPlan = {
  text: reasoningText,
  chunks: splitText(reasoningText, 3),
  tokens: estimateTokens(reasoningText.length),
}

function pickTools(request: TurnRequest): ToolSpec[] {
  const { tools, toolChoice } = request
  if (tools.length === 0 || toolChoice.mode === 'none') return []
  if (toolChoice.mode === 'auto' && request.lastIsToolResult) return []
  if (toolChoice.mode === 'tool') {
    const forced = tools.find((tool) => tool.name === toolChoice.name)
    return forced ? [forced] : []
  }
  return request.parallelToolCalls ? tools.slice(0, 2) : tools.slice(0, 1)
}

/**
 * Plans the answer: tool calls when tools are offered and allowed (the forced one, or the first
 * two when parallel calls are allowed), else the reply text; reasoning when asked for.
 *
 * @example
 * planTurn({ tools: [], toolChoice: { mode: 'auto' }, parallelToolCalls: true,
 *   lastIsToolResult: false, reasoning: false, inputTokens: 3 }, reply, 'mock1')
 */
export function planTurn(request: TurnRequest, reply: ReplyText, id: string): Turn {
  const toolCalls = pickTools(request).map((tool, index): PlannedToolCall => {
    const input = buildToolInput(tool.schema)
    const args = JSON.stringify(input)
    return { index, name: tool.name, input, arguments: args, argumentChunks: splitArguments(args) }
  })
  const reasoning = request.reasoning ? reasoningPlan : undefined
  const reasoningTokens = reasoning?.tokens ?? 0
  let visibleTokens = reply.tokens
  if (toolCalls.length > 0) {
    visibleTokens = 0
    for (const call of toolCalls) visibleTokens += estimateTokens(call.name.length + call.arguments.length)
  }
  const turn: Turn = {
    id,
    text: toolCalls.length > 0 ? '' : reply.text,
    textChunks: toolCalls.length > 0 ? [] : reply.chunks,
    toolCalls,
    usage: {
      inputTokens: request.inputTokens,
      outputTokens: visibleTokens + reasoningTokens,
      reasoningTokens,
      cacheReadTokens: request.cacheReadTokens ?? 0,
      cacheWriteTokens: request.cacheWriteTokens ?? 0,
    },
  }
  if (reasoning) turn.reasoning = reasoning
  return turn
}
