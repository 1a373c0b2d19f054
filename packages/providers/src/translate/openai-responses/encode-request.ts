// Canonical request → OpenAI Responses request body.
import type {
  CanonicalMessage,
  CanonicalRequest,
  CanonicalResponseFormat,
  ImagePart,
  TextPart,
} from '../../canonical/types.js'
import type { EncodeContext } from '../context.js'
import { toImageUrl } from '../data-url.js'
import { chatSharedFields } from '../openai-chat/decode-request.js'
import { joinText } from '../openai-chat/encode-messages.js'
import { reasoningEffort } from '../reasoning-budget.js'
import type {
  ResponsesInputContent,
  ResponsesInputItem,
  ResponsesRequest,
  ResponsesTextFormat,
} from './types.js'

/**
 * Writes a Responses body. Translated requests are stateless: `store` is `false` unless the client
 * set it, and earlier reasoning is not sent back (its opaque content belongs to another provider).
 * Function tools say `strict: false` unless the client asked, since Responses defaults to strict.
 *
 * @example
 * encodeResponsesRequest(canonical, { model: 'gpt-5', defaultMaxTokens: 4096, reasoningModel: true, drop })
 */
export function encodeResponsesRequest(request: CanonicalRequest, context: EncodeContext): ResponsesRequest {
  const body: ResponsesRequest = { model: context.model, input: request.messages.flatMap(encodeMessage) }
  if (request.system !== undefined && request.system.length > 0) body.instructions = joinText(request.system)
  if (request.tools !== undefined && request.tools.length > 0) {
    body.tools = request.tools.map((tool) => ({
      type: 'function',
      name: tool.name,
      ...(tool.description === undefined ? {} : { description: tool.description }),
      parameters: tool.parameters,
      strict: tool.strict ?? false,
    }))
    const choice = request.toolChoice
    if (choice !== undefined)
      body.tool_choice = typeof choice === 'string' ? choice : { type: 'function', name: choice.name }
    if (request.parallelToolCalls !== undefined) body.parallel_tool_calls = request.parallelToolCalls
  }
  const text: NonNullable<ResponsesRequest['text']> = {}
  if (request.responseFormat !== undefined) text.format = encodeFormat(request.responseFormat)
  if (typeof request.extra.verbosity === 'string') text.verbosity = request.extra.verbosity
  if (Object.keys(text).length > 0) body.text = text
  for (const [param, value] of [
    ['temperature', request.temperature],
    ['top_p', request.topP],
  ] as const) {
    if (value === undefined) continue
    // OpenAI reasoning models accept only the default sampling settings.
    if (context.reasoningModel) context.drop(param)
    else body[param] = value
  }
  if (request.maxOutputTokens !== undefined) body.max_output_tokens = request.maxOutputTokens
  encodeReasoning(request, body, context)
  if (request.stream !== undefined) body.stream = request.stream
  body.store = request.extra.store === true
  if (request.user !== undefined) body.user = request.user
  if (request.metadata !== undefined) body.metadata = request.metadata
  for (const field of chatSharedFields) {
    if (field !== 'store' && field !== 'verbosity' && request.extra[field] !== undefined)
      body[field] = request.extra[field]
  }
  return body
}

function encodeReasoning(request: CanonicalRequest, body: ResponsesRequest, context: EncodeContext): void {
  const effort = reasoningEffort(request.reasoning)
  if (effort === undefined || effort === 'none') return
  if (!context.reasoningModel) {
    context.drop('reasoning')
    return
  }
  body.reasoning = {
    effort,
    ...(request.reasoning?.summary === undefined ? {} : { summary: request.reasoning.summary }),
  }
}

function encodeMessage(message: CanonicalMessage): ResponsesInputItem[] {
  if (message.role === 'system')
    return [{ type: 'message', role: 'developer', content: joinText(message.content) }]
  const items: ResponsesInputItem[] = []
  if (message.role === 'assistant') {
    for (const part of message.content) {
      if (part.type === 'text' && part.text !== '')
        items.push({ type: 'message', role: 'assistant', content: part.text })
      if (part.type === 'tool_call') {
        items.push({
          type: 'function_call',
          call_id: part.id,
          name: part.name,
          arguments: part.argumentsJson,
        })
      }
    }
    return items
  }
  const userContent: ResponsesInputContent[] = []
  for (const part of message.content) {
    if (part.type === 'tool_result') {
      const onlyText = part.content.every((inner) => inner.type === 'text')
      const output = onlyText ? joinText(part.content) : part.content.map(encodeContent)
      items.push({ type: 'function_call_output', call_id: part.toolCallId, output })
    } else if (part.type === 'text' || part.type === 'image') userContent.push(encodeContent(part))
  }
  if (userContent.length > 0) items.push({ type: 'message', role: 'user', content: userContent })
  return items
}

function encodeContent(part: TextPart | ImagePart): ResponsesInputContent {
  if (part.type === 'text') return { type: 'input_text', text: part.text }
  return { type: 'input_image', image_url: toImageUrl(part.source), detail: part.detail ?? 'auto' }
}

function encodeFormat(format: CanonicalResponseFormat): ResponsesTextFormat {
  if (format.type !== 'json_schema') return { type: format.type }
  const encoded: ResponsesTextFormat = { type: 'json_schema', name: format.name, schema: format.schema }
  if (format.strict !== undefined) encoded.strict = format.strict
  if (format.description !== undefined) encoded.description = format.description
  return encoded
}
