// Renders a planned turn as the Anthropic Messages stream: its events, and their SSE framing.
import type { Turn } from '../plan-turn.js'
import { messageUsage, stopReason, thinkingSignature, toolUseId } from './message-body.js'

/** One stream event: its `event:` name and its JSON `data`. */
export type AnthropicEvent = [name: string, data: string]

/**
 * The events of a streamed message: `message_start`, then per block `content_block_start` /
 * `content_block_delta` (`thinking_delta` + `signature_delta`, `text_delta`, `input_json_delta`) /
 * `content_block_stop`, a `ping` after the first block starts, `message_delta` with the stop
 * reason and usage, and `message_stop` (with `stopExtra` merged in, for Bedrock's metrics).
 *
 * @example
 * renderMessageEvents(turn, 'claude-sonnet-4-6')[0] // ['message_start', '{"type":"message_start",…}']
 */
export function renderMessageEvents(turn: Turn, model: string, stopExtra?: object): AnthropicEvent[] {
  const usage = messageUsage(turn.usage)
  const start = {
    type: 'message_start',
    message: {
      id: `msg_${turn.id}`,
      type: 'message',
      role: 'assistant',
      model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { ...usage, output_tokens: 1 },
    },
  }
  const events: AnthropicEvent[] = [['message_start', JSON.stringify(start)]]
  let index = 0
  const block = (startBlock: object, deltas: string[]) => {
    events.push([
      'content_block_start',
      `{"type":"content_block_start","index":${index},"content_block":${JSON.stringify(startBlock)}}`,
    ])
    if (index === 0) events.push(['ping', '{"type": "ping"}'])
    for (const delta of deltas) {
      events.push(['content_block_delta', `{"type":"content_block_delta","index":${index},"delta":${delta}}`])
    }
    events.push(['content_block_stop', `{"type":"content_block_stop","index":${index}}`])
    index += 1
  }
  if (turn.reasoning) {
    const deltas = turn.reasoning.chunks.map(
      (piece) => `{"type":"thinking_delta","thinking":${JSON.stringify(piece)}}`,
    )
    deltas.push(`{"type":"signature_delta","signature":"${thinkingSignature}"}`)
    block({ type: 'thinking', thinking: '', signature: '' }, deltas)
  }
  if (turn.text !== '') {
    block(
      { type: 'text', text: '' },
      turn.textChunks.map((piece) => `{"type":"text_delta","text":${JSON.stringify(piece)}}`),
    )
  }
  for (const call of turn.toolCalls) {
    block(
      { type: 'tool_use', id: toolUseId(turn, call.index), name: call.name, input: {} },
      call.argumentChunks.map(
        (piece) => `{"type":"input_json_delta","partial_json":${JSON.stringify(piece)}}`,
      ),
    )
  }
  const { service_tier: _tier, cache_creation: _creation, ...deltaUsage } = usage
  events.push([
    'message_delta',
    JSON.stringify({
      type: 'message_delta',
      delta: { stop_reason: stopReason(turn), stop_sequence: null },
      usage: deltaUsage,
    }),
  ])
  events.push(['message_stop', JSON.stringify({ type: 'message_stop', ...stopExtra })])
  return events
}

/** SSE framing: `event: <name>\ndata: <json>\n\n` per event. */
export function toSseFrames(events: AnthropicEvent[]): string[] {
  return events.map(([name, data]) => `event: ${name}\ndata: ${data}\n\n`)
}
