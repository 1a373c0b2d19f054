// Anthropic Messages request body → canonical request.
import type {
  CanonicalMessage,
  CanonicalReasoning,
  CanonicalRequest,
  CanonicalTool,
  CanonicalToolChoice,
  ContentPart,
  ReasoningEffort,
  TextPart,
} from '../../canonical/types.js'
import { decodeCacheControl } from '../cache-control.js'
import type { DecodeContext } from '../context.js'
import { isRecord, optionalNumber, optionalString } from '../json.js'
import { unsupportedParameter } from '../unsupported.js'
import { blocksOf, decodeAssistantBlock, decodeMediaBlock } from './content.js'

/**
 * Reads an Anthropic Messages body. Server tools (web search, bash…) have no equivalent on other
 * wires and are dropped (reported through `context.drop`); a `tool_choice` naming one is rejected.
 *
 * @example
 * decodeAnthropicRequest({ model: 'claude', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] }, ctx)
 */
export function decodeAnthropicRequest(
  body: Record<string, unknown>,
  context: DecodeContext,
): CanonicalRequest {
  const request: CanonicalRequest = { messages: [], extra: {} }
  const system = decodeSystem(body.system)
  if (system !== undefined) request.system = system
  decodeMessages(body.messages, request)
  const tools = decodeTools(body.tools, context)
  if (tools !== undefined) request.tools = tools
  decodeToolChoice(body.tool_choice, request, tools)
  if (Array.isArray(body.stop_sequences)) request.stop = body.stop_sequences.map(String)
  const temperature = optionalNumber(body.temperature)
  if (temperature !== undefined) request.temperature = temperature
  const topP = optionalNumber(body.top_p)
  if (topP !== undefined) request.topP = topP
  const maxTokens = optionalNumber(body.max_tokens)
  if (maxTokens !== undefined) request.maxOutputTokens = maxTokens
  if (typeof body.stream === 'boolean') request.stream = body.stream
  const user = isRecord(body.metadata) ? optionalString(body.metadata.user_id) : undefined
  if (user !== undefined) request.user = user
  const outputConfig = isRecord(body.output_config) ? body.output_config : {}
  const reasoning = decodeThinking(body.thinking, outputConfig.effort)
  if (reasoning !== undefined) request.reasoning = reasoning
  if (isRecord(outputConfig.format) && isRecord(outputConfig.format.schema)) {
    request.responseFormat = {
      type: 'json_schema',
      name: 'response',
      schema: outputConfig.format.schema,
      strict: true,
    }
  }
  return request
}

function decodeSystem(system: unknown): CanonicalRequest['system'] {
  if (system === undefined || system === null || system === '') return undefined
  return blocksOf(system).map((block, index) => decodeSystemBlock(block, `system[${index}]`))
}

function decodeSystemBlock(block: Record<string, unknown>, where: string): TextPart {
  const cacheControl = decodeCacheControl(block.cache_control)
  const text = String(block.text ?? '')
  if (block.type !== 'text') throw unsupportedParameter(`${where}.type`, 'only text blocks are supported')
  return cacheControl === undefined ? { type: 'text', text } : { type: 'text', text, cacheControl }
}

/**
 * Decodes `messages` into `request`. Claude Code 2.x sends `role: "system"` entries inside
 * `messages` (its environment context): leading ones join the top-level system, later ones stay
 * system messages in place, so other wires get instructions there, never a user turn.
 */
function decodeMessages(messages: unknown, request: CanonicalRequest): void {
  if (!Array.isArray(messages)) throw unsupportedParameter('messages', 'must be an array')
  messages.forEach((message, index) => {
    if (!isRecord(message)) return
    const where = `messages[${index}].content`
    const blocks = blocksOf(message.content)
    if (message.role === 'system') {
      const content = blocks.map((block, j) => decodeSystemBlock(block, `${where}[${j}]`))
      if (request.messages.length === 0) request.system = [...(request.system ?? []), ...content]
      else request.messages.push({ role: 'system', content })
      return
    }
    request.messages.push(decodeMessage(message.role, blocks, where))
  })
}

function decodeMessage(role: unknown, blocks: Record<string, unknown>[], where: string): CanonicalMessage {
  if (role === 'assistant') {
    return {
      role: 'assistant',
      content: blocks.map((block, j) => decodeAssistantBlock(block, `${where}[${j}]`)),
    }
  }
  return { role: 'user', content: blocks.map((block, j) => decodeUserBlock(block, `${where}[${j}]`)) }
}

function decodeUserBlock(block: Record<string, unknown>, where: string): ContentPart {
  if (block.type !== 'tool_result') return decodeMediaBlock(block, where)
  const content = blocksOf(block.content ?? '').map((inner, index) =>
    decodeMediaBlock(inner, `${where}.content[${index}]`),
  )
  const cacheControl = decodeCacheControl(block.cache_control)
  return {
    type: 'tool_result',
    toolCallId: String(block.tool_use_id),
    content: content.filter((part) => part.type !== 'text' || part.text !== ''),
    ...(block.is_error === true ? { isError: true } : {}),
    ...(cacheControl === undefined ? {} : { cacheControl }),
  }
}

function decodeTools(tools: unknown, context: DecodeContext): CanonicalTool[] | undefined {
  if (!Array.isArray(tools)) return undefined
  const decoded: CanonicalTool[] = []
  for (const tool of tools.filter(isRecord)) {
    if (tool.type !== undefined && tool.type !== null && tool.type !== 'custom') {
      context.drop(`tools[${String(tool.type)}]`)
      continue
    }
    const entry: CanonicalTool = {
      name: String(tool.name),
      parameters: isRecord(tool.input_schema) ? tool.input_schema : { type: 'object', properties: {} },
    }
    if (typeof tool.description === 'string') entry.description = tool.description
    if (typeof tool.strict === 'boolean') entry.strict = tool.strict
    const cacheControl = decodeCacheControl(tool.cache_control)
    if (cacheControl !== undefined) entry.cacheControl = cacheControl
    decoded.push(entry)
  }
  return decoded
}

function decodeToolChoice(
  choice: unknown,
  request: CanonicalRequest,
  tools: CanonicalTool[] | undefined,
): void {
  if (!isRecord(choice)) return
  if (choice.disable_parallel_tool_use === true) request.parallelToolCalls = false
  const byType: Record<string, CanonicalToolChoice> = { auto: 'auto', any: 'required', none: 'none' }
  const mapped = byType[String(choice.type)]
  if (mapped !== undefined) {
    request.toolChoice = mapped
    return
  }
  if (choice.type !== 'tool') return
  const name = String(choice.name)
  if (tools !== undefined && !tools.some((tool) => tool.name === name)) {
    throw unsupportedParameter('tool_choice', `tool "${name}" is a server tool the target cannot run`)
  }
  request.toolChoice = { name }
}

const efforts: Record<string, ReasoningEffort> = {
  low: 'low',
  medium: 'medium',
  high: 'high',
  xhigh: 'xhigh',
  max: 'xhigh',
}

function decodeThinking(thinking: unknown, effort: unknown): CanonicalReasoning | undefined {
  const level = typeof effort === 'string' ? efforts[effort] : undefined
  if (!isRecord(thinking) || thinking.type === 'disabled')
    return level === undefined ? undefined : { effort: level }
  const reasoning: CanonicalReasoning = { summary: 'auto' }
  const budget = optionalNumber(thinking.budget_tokens)
  if (thinking.type === 'enabled' && budget !== undefined) reasoning.budgetTokens = budget
  if (level !== undefined) reasoning.effort = level
  else if (thinking.type === 'adaptive') reasoning.effort = 'medium'
  return reasoning
}
