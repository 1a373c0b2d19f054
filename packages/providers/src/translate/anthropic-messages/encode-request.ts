// Canonical request → Anthropic Messages request body.
import type { CanonicalRequest, CanonicalToolChoice, TextPart } from '../../canonical/types.js'
import type { EncodeContext } from '../context.js'
import { minThinkingBudget, thinkingBudget } from '../reasoning-budget.js'
import { isAnthropicSignature, withCacheControl } from './content.js'
import { encodeAnthropicMessages } from './encode-messages.js'
import type { AnthropicRequest, AnthropicTextBlock, AnthropicToolChoice } from './types.js'

/** System text added when the client asked for `json_object` (Anthropic has no JSON mode without a schema). */
export const jsonObjectInstruction = 'Respond with a single valid JSON object and nothing else.'

/**
 * Writes an Anthropic Messages body. `max_tokens` defaults to `context.defaultMaxTokens` (plus the
 * thinking budget when thinking is on); see the translate README for every adjustment.
 *
 * @example
 * encodeAnthropicRequest(canonical, { model: 'claude-sonnet-4-5', defaultMaxTokens: 4096, reasoningModel: true, drop })
 */
export function encodeAnthropicRequest(request: CanonicalRequest, context: EncodeContext): AnthropicRequest {
  const { messages, hoistedSystem } = encodeAnthropicMessages(request.messages)
  const body: AnthropicRequest = { model: context.model, max_tokens: context.defaultMaxTokens, messages }
  const systemParts = [...(request.system ?? []), ...hoistedSystem]
  if (request.responseFormat?.type === 'json_object')
    systemParts.push({ type: 'text', text: jsonObjectInstruction })
  const system = encodeSystem(systemParts)
  if (system !== undefined) body.system = system
  if (request.tools !== undefined && request.tools.length > 0) {
    body.tools = request.tools.map((tool) =>
      withCacheControl(
        {
          name: tool.name,
          ...(tool.description === undefined ? {} : { description: tool.description }),
          input_schema: tool.parameters,
        },
        tool.cacheControl,
      ),
    )
    const choice = encodeToolChoice(request.toolChoice, request.parallelToolCalls)
    if (choice !== undefined) body.tool_choice = choice
  }
  if (request.stop !== undefined && request.stop.length > 0) body.stop_sequences = request.stop
  // Anthropic's temperature range is 0–1, OpenAI's 0–2: higher values are clamped.
  if (request.temperature !== undefined) body.temperature = Math.min(request.temperature, 1)
  if (request.topP !== undefined) {
    // Current Claude models refuse temperature and top_p together; temperature wins.
    if (body.temperature === undefined) body.top_p = request.topP
    else context.drop('top_p')
  }
  if (request.stream !== undefined) body.stream = request.stream
  if (request.user !== undefined) body.metadata = { user_id: request.user }
  if (request.metadata !== undefined) context.drop('metadata')
  if (request.responseFormat?.type === 'json_schema') {
    body.output_config = { format: { type: 'json_schema', schema: request.responseFormat.schema } }
  }
  applyMaxTokensAndThinking(request, body, context)
  return body
}

function encodeSystem(parts: TextPart[]): AnthropicRequest['system'] {
  if (parts.length === 0) return undefined
  if (parts.length === 1 && parts[0]?.cacheControl === undefined) return parts[0]?.text
  return parts.map(
    (part): AnthropicTextBlock => withCacheControl({ type: 'text', text: part.text }, part.cacheControl),
  )
}

function encodeToolChoice(
  choice: CanonicalToolChoice | undefined,
  parallelToolCalls: boolean | undefined,
): AnthropicToolChoice | undefined {
  const disable = parallelToolCalls === false ? { disable_parallel_tool_use: true } : {}
  if (choice === undefined) return parallelToolCalls === false ? { type: 'auto', ...disable } : undefined
  if (choice === 'none') return { type: 'none' }
  if (choice === 'auto') return { type: 'auto', ...disable }
  if (choice === 'required') return { type: 'any', ...disable }
  return { type: 'tool', name: choice.name, ...disable }
}

function applyMaxTokensAndThinking(
  request: CanonicalRequest,
  body: AnthropicRequest,
  context: EncodeContext,
): void {
  if (request.maxOutputTokens !== undefined) body.max_tokens = request.maxOutputTokens
  let budget = thinkingBudget(request.reasoning)
  if (budget === undefined) return
  if (!context.reasoningModel || !thinkingAllowed(request)) {
    context.drop('reasoning')
    return
  }
  if (request.maxOutputTokens === undefined) body.max_tokens = context.defaultMaxTokens + budget
  else budget = Math.min(budget, request.maxOutputTokens - 1)
  if (budget < minThinkingBudget) {
    context.drop('reasoning')
    return
  }
  body.thinking = { type: 'enabled', budget_tokens: budget }
  // Extended thinking requires the default temperature and a top_p of at least 0.95.
  if (body.temperature !== undefined && body.temperature !== 1) {
    delete body.temperature
    context.drop('temperature')
  }
  if (body.top_p !== undefined && body.top_p < 0.95) {
    delete body.top_p
    context.drop('top_p')
  }
}

/**
 * Whether Claude accepts extended thinking for this request (here and on Bedrock): it refuses
 * thinking with a forced tool, and in a tool loop whose last assistant turn carries no thinking
 * block signed by Anthropic (clients of other wires cannot send one back).
 *
 * @example
 * if (!thinkingAllowed(request)) context.drop('reasoning')
 */
export function thinkingAllowed(request: CanonicalRequest): boolean {
  if (request.toolChoice === 'required' || typeof request.toolChoice === 'object') return false
  const lastAssistant = request.messages.findLast((message) => message.role === 'assistant')
  if (lastAssistant === undefined) return true
  const callsTools = lastAssistant.content.some((part) => part.type === 'tool_call')
  const signed = lastAssistant.content.some(
    (part) => part.type === 'reasoning' && isAnthropicSignature(part.signature),
  )
  return !callsTools || signed
}
