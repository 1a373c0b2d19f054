// Reads what the mock needs from an Anthropic Messages request body, including prompt-cache breakpoints.
import { countTextChars } from '../count-text.js'
import { MockInputError } from '../exchange.js'
import type { ToolChoice, ToolSpec, TurnRequest } from '../plan-turn.js'
import type { PromptCache, PromptPiece } from '../prompt-cache.js'

/** The Messages request as the mock sees it. */
export interface MessagesRequest {
  model: string
  stream: boolean
  turn: TurnRequest
}

type Block = Record<string, unknown>

function isBlock(value: unknown): value is Block {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

function readTools(tools: unknown): ToolSpec[] {
  if (!Array.isArray(tools)) return []
  return tools
    .filter((tool) => isBlock(tool) && typeof tool.name === 'string' && tool.input_schema !== undefined)
    .map((tool) => ({ name: tool.name as string, schema: tool.input_schema }))
}

function readToolChoice(choice: unknown): ToolChoice {
  if (!isBlock(choice)) return { mode: 'auto' }
  if (choice.type === 'any') return { mode: 'required' }
  if (choice.type === 'none') return { mode: 'none' }
  if (choice.type === 'tool' && typeof choice.name === 'string') return { mode: 'tool', name: choice.name }
  return { mode: 'auto' }
}

function piece(value: unknown, chars: number): PromptPiece {
  return { value, chars, breakpoint: isBlock(value) && value.cache_control != null }
}

/** The prompt in cache order: tools, system, messages; each block a piece. */
export function collectPromptPieces(body: Record<string, unknown>): PromptPiece[] {
  const pieces: PromptPiece[] = []
  if (Array.isArray(body.tools))
    for (const tool of body.tools) pieces.push(piece(tool, JSON.stringify(tool).length))
  const { system } = body
  if (typeof system === 'string') pieces.push(piece(system, system.length))
  else if (Array.isArray(system)) for (const block of system) pieces.push(piece(block, countTextChars(block)))
  for (const message of body.messages as unknown[]) {
    const content = isBlock(message) ? message.content : undefined
    if (typeof content === 'string') pieces.push(piece(content, content.length))
    else if (Array.isArray(content))
      for (const block of content) pieces.push(piece(block, countTextChars(block)))
  }
  const last = pieces.at(-1)
  // A top-level cache_control caches the whole prompt (automatic caching).
  if (body.cache_control != null && last) last.breakpoint = true
  return pieces
}

function endsWithToolResult(messages: unknown[]): boolean {
  const last = messages.at(-1)
  if (!isBlock(last) || last.role !== 'user' || !Array.isArray(last.content)) return false
  return last.content.some((block) => isBlock(block) && block.type === 'tool_result')
}

/**
 * Validates the fields the real API requires and extracts the turn; `model` comes from the path
 * on Vertex and Bedrock.
 *
 * @example
 * readMessagesRequest({ model: 'claude-sonnet-4-6', max_tokens: 64, messages: [] }, cache).model
 */
export function readMessagesRequest(
  body: Record<string, unknown>,
  cache: PromptCache,
  pathModel?: string,
): MessagesRequest {
  const model = pathModel ?? body.model
  if (typeof model !== 'string' || model === '') throw new MockInputError(400, 'model: Field required')
  if (typeof body.max_tokens !== 'number') throw new MockInputError(400, 'max_tokens: Field required')
  if (!Array.isArray(body.messages)) throw new MockInputError(400, 'messages: Field required')
  const tokens = cache.measure(collectPromptPieces(body))
  const choice = body.tool_choice as { disable_parallel_tool_use?: unknown } | undefined
  const thinking = body.thinking as { type?: unknown } | undefined
  return {
    model,
    stream: body.stream === true,
    turn: {
      tools: readTools(body.tools),
      toolChoice: readToolChoice(body.tool_choice),
      parallelToolCalls: choice?.disable_parallel_tool_use !== true,
      lastIsToolResult: endsWithToolResult(body.messages),
      reasoning: thinking?.type === 'enabled' || thinking?.type === 'adaptive',
      inputTokens: tokens.inputTokens,
      cacheReadTokens: tokens.cacheReadTokens,
      cacheWriteTokens: tokens.cacheWriteTokens,
    },
  }
}
