// Reads what the mock needs from a Bedrock Converse request body, including `cachePoint` breakpoints.
import { countTextChars } from '../count-text.js'
import { MockInputError } from '../exchange.js'
import type { ToolChoice, ToolSpec, TurnRequest } from '../plan-turn.js'
import type { PromptCache, PromptPiece } from '../prompt-cache.js'

type Block = Record<string, unknown>

function isBlock(value: unknown): value is Block {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

function piece(block: unknown, chars: number): PromptPiece {
  const breakpoint = isBlock(block) && block.cachePoint !== undefined
  return { value: block, chars: breakpoint ? 0 : chars, breakpoint }
}

/** The prompt in cache order: tools, system, message blocks; a `cachePoint` ends a cacheable prefix. */
export function collectConversePieces(body: Record<string, unknown>): PromptPiece[] {
  const pieces: PromptPiece[] = []
  const tools = (body.toolConfig as { tools?: unknown[] } | undefined)?.tools
  if (Array.isArray(tools)) for (const tool of tools) pieces.push(piece(tool, JSON.stringify(tool).length))
  if (Array.isArray(body.system))
    for (const block of body.system) pieces.push(piece(block, countTextChars(block)))
  for (const message of body.messages as unknown[]) {
    const content = isBlock(message) ? message.content : undefined
    if (Array.isArray(content)) for (const block of content) pieces.push(piece(block, countTextChars(block)))
  }
  return pieces
}

function readTools(toolConfig: unknown): { tools: ToolSpec[]; choice: ToolChoice } {
  const config = isBlock(toolConfig) ? toolConfig : {}
  const tools: ToolSpec[] = []
  for (const tool of Array.isArray(config.tools) ? config.tools : []) {
    const spec = (tool as { toolSpec?: { name?: unknown; inputSchema?: { json?: unknown } } }).toolSpec
    if (typeof spec?.name === 'string') tools.push({ name: spec.name, schema: spec.inputSchema?.json })
  }
  const choice = isBlock(config.toolChoice) ? config.toolChoice : {}
  if (isBlock(choice.tool) && typeof choice.tool.name === 'string') {
    return { tools, choice: { mode: 'tool', name: choice.tool.name } }
  }
  return { tools, choice: { mode: choice.any ? 'required' : 'auto' } }
}

function endsWithToolResult(messages: unknown[]): boolean {
  const content = (messages.at(-1) as { content?: unknown })?.content
  return Array.isArray(content) && content.some((block) => isBlock(block) && block.toolResult !== undefined)
}

/**
 * Validates and extracts a Converse turn. Reasoning is asked through
 * `additionalModelRequestFields.thinking` (Anthropic) or `reasoning_config`.
 *
 * @example
 * readConverseRequest({ messages: [{ role: 'user', content: [{ text: 'Hi' }] }] }, cache).inputTokens
 */
export function readConverseRequest(body: Record<string, unknown>, cache: PromptCache): TurnRequest {
  if (!Array.isArray(body.messages) || body.messages.length === 0) {
    throw new MockInputError(400, 'The messages field is required and must contain at least one message.')
  }
  const { tools, choice } = readTools(body.toolConfig)
  const extra = isBlock(body.additionalModelRequestFields) ? body.additionalModelRequestFields : {}
  const thinking = extra.thinking as { type?: unknown } | undefined
  const tokens = cache.measure(collectConversePieces(body))
  return {
    tools,
    toolChoice: choice,
    parallelToolCalls: true,
    lastIsToolResult: endsWithToolResult(body.messages),
    reasoning:
      thinking?.type === 'enabled' || thinking?.type === 'adaptive' || extra.reasoning_config !== undefined,
    inputTokens: tokens.inputTokens,
    cacheReadTokens: tokens.cacheReadTokens,
    cacheWriteTokens: tokens.cacheWriteTokens,
  }
}
