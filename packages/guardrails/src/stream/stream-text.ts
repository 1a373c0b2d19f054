// Text deltas of the three client stream wires, read and rewritten on one parsed SSE `data:` object.

/** The client stream wires guardrails read. */
export type StreamWire = 'openai-chat' | 'openai-responses' | 'anthropic-messages'

type Json = Record<string, unknown>

function firstChoiceDelta(data: Json): Json | undefined {
  const choices = data.choices
  if (!Array.isArray(choices)) return undefined
  const delta = (choices[0] as Json | undefined)?.delta
  return typeof delta === 'object' && delta !== null ? (delta as Json) : undefined
}

/**
 * The answer text an event adds, or undefined (tool-call deltas, usage, lifecycle events).
 *
 * @example
 * readTextDelta('anthropic-messages', { type: 'content_block_delta', delta: { type: 'text_delta', text: 'Hi' } }) // → 'Hi'
 */
export function readTextDelta(wire: StreamWire, data: Json): string | undefined {
  if (wire === 'openai-chat') {
    const content = firstChoiceDelta(data)?.content
    return typeof content === 'string' ? content : undefined
  }
  if (wire === 'openai-responses') {
    return data.type === 'response.output_text.delta' && typeof data.delta === 'string'
      ? data.delta
      : undefined
  }
  const delta = data.delta as Json | undefined
  return data.type === 'content_block_delta' && delta?.type === 'text_delta' && typeof delta.text === 'string'
    ? delta.text
    : undefined
}

/**
 * Replaces the text an event adds (the event must be one {@link readTextDelta} read text from).
 *
 * @example
 * writeTextDelta('openai-chat', chunk, '[EMAIL]')
 */
export function writeTextDelta(wire: StreamWire, data: Json, text: string): void {
  if (wire === 'openai-chat') {
    const delta = firstChoiceDelta(data)
    if (delta !== undefined) delta.content = text
  } else if (wire === 'openai-responses') {
    data.delta = text
  } else {
    ;(data.delta as Json).text = text
  }
}
