// OpenAI Responses request body → canonical request.
import type {
  CanonicalRequest,
  CanonicalResponseFormat,
  CanonicalTool,
  ReasoningEffort,
} from '../../canonical/types.js'
import type { DecodeContext } from '../context.js'
import { isRecord, optionalNumber, optionalString } from '../json.js'
import { chatSharedFields } from '../openai-chat/decode-request.js'
import { unsupportedParameter } from '../unsupported.js'
import { decodeResponsesInput } from './decode-input.js'

const efforts = new Set(['none', 'minimal', 'low', 'medium', 'high', 'xhigh'])
const summaries = new Set(['auto', 'concise', 'detailed'])

/**
 * Reads a Responses body. `instructions` and leading system/developer items become `system`.
 * Hosted tools (web search, file search…) are dropped and reported through `context.drop`.
 *
 * @example
 * decodeResponsesRequest({ model: 'gpt-5', input: 'hi', instructions: 'Be brief' }, ctx)
 */
export function decodeResponsesRequest(
  body: Record<string, unknown>,
  context: DecodeContext,
): CanonicalRequest {
  const request: CanonicalRequest = { messages: [], extra: {} }
  const instructions = optionalString(body.instructions)
  if (instructions !== undefined && instructions !== '')
    request.system = [{ type: 'text', text: instructions }]
  decodeResponsesInput(body.input, request, context)
  if (Array.isArray(body.tools)) request.tools = decodeTools(body.tools, context)
  decodeToolChoice(body.tool_choice, request)
  if (typeof body.parallel_tool_calls === 'boolean') request.parallelToolCalls = body.parallel_tool_calls
  const text = isRecord(body.text) ? body.text : {}
  const format = decodeFormat(text.format)
  if (format !== undefined) request.responseFormat = format
  if (text.verbosity !== undefined && text.verbosity !== null) request.extra.verbosity = text.verbosity
  const temperature = optionalNumber(body.temperature)
  if (temperature !== undefined) request.temperature = temperature
  const topP = optionalNumber(body.top_p)
  if (topP !== undefined) request.topP = topP
  const maxTokens = optionalNumber(body.max_output_tokens)
  if (maxTokens !== undefined) request.maxOutputTokens = maxTokens
  if (isRecord(body.reasoning)) {
    const effort = optionalString(body.reasoning.effort)
    const summary = optionalString(body.reasoning.summary)
    request.reasoning = {}
    if (effort !== undefined && efforts.has(effort)) request.reasoning.effort = effort as ReasoningEffort
    if (summary !== undefined && summaries.has(summary)) request.reasoning.summary = summary as 'auto'
  }
  if (typeof body.stream === 'boolean') request.stream = body.stream
  const user = optionalString(body.user)
  if (user !== undefined) request.user = user
  if (isRecord(body.metadata)) {
    request.metadata = Object.fromEntries(
      Object.entries(body.metadata).map(([key, value]) => [key, String(value)]),
    )
  }
  for (const field of chatSharedFields) if (body[field] !== undefined) request.extra[field] = body[field]
  return request
}

function decodeTools(tools: unknown[], context: DecodeContext): CanonicalTool[] {
  const decoded: CanonicalTool[] = []
  tools.filter(isRecord).forEach((tool, index) => {
    if (tool.type === 'custom') {
      throw unsupportedParameter(`tools[${index}].type`, 'custom (free-form) tools cannot be translated')
    }
    if (tool.type !== 'function') {
      context.drop(`tools[${String(tool.type)}]`)
      return
    }
    const entry: CanonicalTool = {
      name: String(tool.name),
      parameters: isRecord(tool.parameters) ? tool.parameters : { type: 'object', properties: {} },
    }
    if (typeof tool.description === 'string') entry.description = tool.description
    if (typeof tool.strict === 'boolean') entry.strict = tool.strict
    decoded.push(entry)
  })
  return decoded
}

function decodeToolChoice(choice: unknown, request: CanonicalRequest): void {
  if (choice === 'auto' || choice === 'none' || choice === 'required') request.toolChoice = choice
  else if (isRecord(choice) && choice.type === 'function') request.toolChoice = { name: String(choice.name) }
  else if (isRecord(choice)) {
    throw unsupportedParameter(
      'tool_choice',
      `tool_choice type "${String(choice.type)}" cannot be translated`,
    )
  }
}

function decodeFormat(format: unknown): CanonicalResponseFormat | undefined {
  if (!isRecord(format)) return undefined
  if (format.type === 'text' || format.type === 'json_object') return { type: format.type }
  if (format.type !== 'json_schema') return undefined
  const decoded: CanonicalResponseFormat = {
    type: 'json_schema',
    name: String(format.name ?? 'response'),
    schema: isRecord(format.schema) ? format.schema : {},
  }
  if (typeof format.strict === 'boolean') decoded.strict = format.strict
  if (typeof format.description === 'string') decoded.description = format.description
  return decoded
}
