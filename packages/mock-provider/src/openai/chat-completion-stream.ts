// Renders a planned turn as OpenAI `chat.completion.chunk` SSE frames, ending with `data: [DONE]`.
import type { Turn } from '../plan-turn.js'
import { chatUsage } from './chat-completion-body.js'

/**
 * The SSE frames of a streamed chat completion: a role chunk, one chunk per text delta (or per
 * tool-call start and argument fragment), the finish chunk, the usage chunk with `choices: []`
 * when `include_usage` is set (every other chunk then carries `"usage":null`), and `[DONE]`.
 *
 * @example
 * renderChatCompletionStream(turn, 'gpt-4o', 1700000000, true).at(-1) // 'data: [DONE]\n\n'
 */
export function renderChatCompletionStream(
  turn: Turn,
  model: string,
  created: number,
  includeUsage: boolean,
): string[] {
  const head = `data: {"id":"chatcmpl-${turn.id}","object":"chat.completion.chunk","created":${created},"model":${JSON.stringify(model)},"service_tier":"default","system_fingerprint":"fp_mock","choices":[`
  const tail = includeUsage ? '],"usage":null}\n\n' : ']}\n\n'
  const chunk = (delta: string, finish = 'null') =>
    `${head}{"index":0,"delta":${delta},"logprobs":null,"finish_reason":${finish}}${tail}`

  const hasTools = turn.toolCalls.length > 0
  const frames = [
    chunk(
      hasTools
        ? '{"role":"assistant","content":null,"refusal":null}'
        : '{"role":"assistant","content":"","refusal":null}',
    ),
  ]
  for (const piece of turn.textChunks) frames.push(chunk(`{"content":${JSON.stringify(piece)}}`))
  for (const call of turn.toolCalls) {
    const start = {
      index: call.index,
      id: `call_${turn.id}_${call.index}`,
      type: 'function',
      function: { name: call.name, arguments: '' },
    }
    frames.push(chunk(`{"tool_calls":[${JSON.stringify(start)}]}`))
    for (const piece of call.argumentChunks) {
      frames.push(
        chunk(`{"tool_calls":[{"index":${call.index},"function":{"arguments":${JSON.stringify(piece)}}}]}`),
      )
    }
  }
  frames.push(chunk('{}', hasTools ? '"tool_calls"' : '"stop"'))
  if (includeUsage) frames.push(`${head}],"usage":${JSON.stringify(chatUsage(turn.usage))}}\n\n`)
  frames.push('data: [DONE]\n\n')
  return frames
}
