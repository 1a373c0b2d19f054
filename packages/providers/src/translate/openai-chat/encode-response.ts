// Canonical response → OpenAI Chat Completions response body.
import type { CanonicalResponse } from '../../canonical/types.js'
import { joinText } from './encode-messages.js'
import { encodeChatFinishReason } from './finish-reason.js'
import type { OpenAIChatResponse, OpenAIChatToolCall } from './types.js'
import { encodeChatUsage } from './usage.js'

/**
 * Writes a chat completion with one choice. Reasoning text, when the provider returned some, is
 * sent as `message.reasoning_content` (the field OpenAI-compatible reasoning providers use).
 *
 * @example
 * encodeChatResponse(canonical).choices[0].message.content
 */
export function encodeChatResponse(
  response: CanonicalResponse,
  now: () => number = Date.now,
): OpenAIChatResponse {
  const toolCalls: OpenAIChatToolCall[] = []
  const reasoning: string[] = []
  for (const part of response.content) {
    if (part.type === 'tool_call') {
      toolCalls.push({
        id: part.id,
        type: 'function',
        function: { name: part.name, arguments: part.argumentsJson },
      })
    } else if (part.type === 'reasoning' && part.text !== '') reasoning.push(part.text)
  }
  const text = joinText(response.content)
  const message: OpenAIChatResponse['choices'][number]['message'] = {
    role: 'assistant',
    content: text === '' && toolCalls.length > 0 ? null : text,
    refusal: null,
  }
  if (toolCalls.length > 0) message.tool_calls = toolCalls
  if (reasoning.length > 0) message.reasoning_content = reasoning.join('\n\n')
  return {
    id: response.id,
    object: 'chat.completion',
    created: response.created ?? Math.floor(now() / 1000),
    model: response.model,
    choices: [
      { index: 0, message, finish_reason: encodeChatFinishReason(response.finishReason), logprobs: null },
    ],
    usage: encodeChatUsage(response.usage),
  }
}
