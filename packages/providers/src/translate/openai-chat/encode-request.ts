// Canonical request → OpenAI Chat Completions request body.
import type { CanonicalRequest, CanonicalResponseFormat } from '../../canonical/types.js'
import type { EncodeContext } from '../context.js'
import { reasoningEffort } from '../reasoning-budget.js'
import { chatSharedFields } from './decode-request.js'
import { encodeChatMessages } from './encode-messages.js'
import { encodeChatToolChoice } from './tool-choice.js'
import type { OpenAIChatRequest, OpenAIChatResponseFormat } from './types.js'

/**
 * Writes an OpenAI Chat body. Streams always ask for usage (`stream_options.include_usage`) so the
 * gateway can meter them; the translator hides the usage chunk from clients that did not ask.
 *
 * @example
 * encodeChatRequest(canonical, { model: 'gpt-4o', defaultMaxTokens: 4096, reasoningModel: false, drop })
 */
export function encodeChatRequest(request: CanonicalRequest, context: EncodeContext): OpenAIChatRequest {
  const body: OpenAIChatRequest = { model: context.model, messages: encodeChatMessages(request) }
  if (request.tools !== undefined && request.tools.length > 0) {
    body.tools = request.tools.map((tool) => ({
      type: 'function',
      function: {
        name: tool.name,
        ...(tool.description === undefined ? {} : { description: tool.description }),
        parameters: tool.parameters,
        ...(tool.strict === undefined ? {} : { strict: tool.strict }),
      },
    }))
    if (request.toolChoice !== undefined) body.tool_choice = encodeChatToolChoice(request.toolChoice)
    if (request.parallelToolCalls !== undefined) body.parallel_tool_calls = request.parallelToolCalls
  }
  if (request.responseFormat !== undefined)
    body.response_format = encodeResponseFormat(request.responseFormat)
  if (request.stop !== undefined && request.stop.length > 0) body.stop = request.stop
  encodeSampling(request, body, context)
  if (request.maxOutputTokens !== undefined) body.max_completion_tokens = request.maxOutputTokens
  const effort = reasoningEffort(request.reasoning)
  if (effort !== undefined && effort !== 'none') {
    if (context.reasoningModel) body.reasoning_effort = effort
    else context.drop('reasoning')
  }
  if (request.stream === true) {
    body.stream = true
    body.stream_options = { include_usage: true }
  }
  if (request.user !== undefined) body.user = request.user
  // Chat Completions accepts `metadata` only for stored completions.
  if (request.metadata !== undefined) context.drop('metadata')
  for (const field of chatSharedFields)
    if (request.extra[field] !== undefined) body[field] = request.extra[field]
  return body
}

// OpenAI reasoning models accept only the default sampling settings.
function encodeSampling(request: CanonicalRequest, body: OpenAIChatRequest, context: EncodeContext): void {
  if (request.temperature !== undefined) {
    if (context.reasoningModel) context.drop('temperature')
    else body.temperature = request.temperature
  }
  if (request.topP !== undefined) {
    if (context.reasoningModel) context.drop('top_p')
    else body.top_p = request.topP
  }
}

function encodeResponseFormat(format: CanonicalResponseFormat): OpenAIChatResponseFormat {
  if (format.type !== 'json_schema') return { type: format.type }
  const spec: { name: string; schema: Record<string, unknown>; strict?: boolean; description?: string } = {
    name: format.name,
    schema: format.schema,
  }
  if (format.strict !== undefined) spec.strict = format.strict
  if (format.description !== undefined) spec.description = format.description
  return { type: 'json_schema', json_schema: spec }
}
