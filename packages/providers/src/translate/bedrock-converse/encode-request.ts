// Canonical request → Bedrock Converse / ConverseStream request body (the model id is in the URL).
import type { CanonicalRequest, CanonicalToolChoice, TextPart } from '../../canonical/types.js'
import { jsonObjectInstruction, thinkingAllowed } from '../anthropic-messages/encode-request.js'
import type { EncodeContext } from '../context.js'
import { minThinkingBudget, thinkingBudget } from '../reasoning-budget.js'
import { encodeConverseMessages, withCachePoint } from './encode-messages.js'
import type { ConverseRequest, ConverseTool, ConverseToolChoice } from './types.js'

/** System text for `json_schema` (Converse has no response format): the schema follows it. */
export const jsonSchemaInstruction =
  'Respond with a single valid JSON object that matches this JSON Schema, and nothing else:'

/**
 * Writes a Converse body. Notes: temperature is clamped to 1 (the range of the models Converse
 * serves); JSON mode becomes a system instruction; `metadata` becomes `requestMetadata`; thinking
 * is sent to Claude models as `additionalModelRequestFields.thinking` (other models: reported
 * dropped); tool choice `none` omits the tools unless the conversation already uses tools (Converse
 * then requires `toolConfig`, and has no `none`); `parallelToolCalls: false` is reported dropped.
 *
 * @example
 * encodeConverseRequest(canonical, { model: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0', defaultMaxTokens: 4096, reasoningModel: true, drop })
 */
export function encodeConverseRequest(request: CanonicalRequest, context: EncodeContext): ConverseRequest {
  const { messages, hoistedSystem } = encodeConverseMessages(request.messages)
  const body: ConverseRequest = { messages }
  const system = encodeSystem([...(request.system ?? []), ...hoistedSystem], request)
  if (system.length > 0) body.system = system
  encodeTools(request, body, context)
  const inference: NonNullable<ConverseRequest['inferenceConfig']> = {}
  if (request.maxOutputTokens !== undefined) inference.maxTokens = request.maxOutputTokens
  if (request.temperature !== undefined) inference.temperature = Math.min(request.temperature, 1)
  if (request.topP !== undefined) inference.topP = request.topP
  if (request.stop !== undefined && request.stop.length > 0) inference.stopSequences = request.stop
  applyThinking(request, body, inference, context)
  if (Object.keys(inference).length > 0) body.inferenceConfig = inference
  if (request.metadata !== undefined) body.requestMetadata = { ...request.metadata }
  return body
}

function encodeSystem(parts: TextPart[], request: CanonicalRequest): NonNullable<ConverseRequest['system']> {
  const format = request.responseFormat
  const blocks = parts
    .filter((part) => part.text !== '')
    .flatMap((part) => withCachePoint({ text: part.text }, part.cacheControl))
  if (format?.type === 'json_object') blocks.push({ text: jsonObjectInstruction })
  if (format?.type === 'json_schema')
    blocks.push({ text: `${jsonSchemaInstruction} ${JSON.stringify(format.schema)}` })
  return blocks as NonNullable<ConverseRequest['system']>
}

function encodeTools(request: CanonicalRequest, body: ConverseRequest, context: EncodeContext): void {
  if (request.tools === undefined || request.tools.length === 0) return
  const usesTools = body.messages.some((message) =>
    message.content.some((block) => 'toolUse' in block || 'toolResult' in block),
  )
  if (request.toolChoice === 'none' && !usesTools) return
  const tools: ConverseTool[] = request.tools.flatMap((tool) => {
    const spec = {
      name: tool.name,
      ...(tool.description === undefined || tool.description === '' ? {} : { description: tool.description }),
      inputSchema: { json: tool.parameters },
    }
    return tool.cacheControl === undefined
      ? [{ toolSpec: spec }]
      : [{ toolSpec: spec }, { cachePoint: { type: 'default' } }]
  })
  body.toolConfig = { tools }
  const choice = encodeToolChoice(request.toolChoice)
  if (choice !== undefined) body.toolConfig.toolChoice = choice
  if (request.parallelToolCalls === false) context.drop('parallel_tool_calls')
}

function encodeToolChoice(choice: CanonicalToolChoice | undefined): ConverseToolChoice | undefined {
  if (choice === undefined || choice === 'none') return undefined
  if (choice === 'auto') return { auto: {} }
  if (choice === 'required') return { any: {} }
  return { tool: { name: choice.name } }
}

// Claude's extended thinking, as the Anthropic encoder does it: budget below maxTokens, at least
// 1024, default temperature and top_p ≥ 0.95, no forced tool, signed thinking in tool loops.
function applyThinking(
  request: CanonicalRequest,
  body: ConverseRequest,
  inference: NonNullable<ConverseRequest['inferenceConfig']>,
  context: EncodeContext,
): void {
  let budget = thinkingBudget(request.reasoning)
  if (budget === undefined) return
  if (!context.reasoningModel || !context.model.includes('claude') || !thinkingAllowed(request)) {
    context.drop('reasoning')
    return
  }
  if (inference.maxTokens === undefined) inference.maxTokens = context.defaultMaxTokens + budget
  else budget = Math.min(budget, inference.maxTokens - 1)
  if (budget < minThinkingBudget) {
    context.drop('reasoning')
    return
  }
  body.additionalModelRequestFields = { thinking: { type: 'enabled', budget_tokens: budget } }
  if (inference.temperature !== undefined && inference.temperature !== 1) {
    delete inference.temperature
    context.drop('temperature')
  }
  if (inference.topP !== undefined && inference.topP < 0.95) {
    delete inference.topP
    context.drop('top_p')
  }
}
