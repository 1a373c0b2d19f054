// The client-facing wire formats the translator speaks.

/** A wire format: OpenAI Chat Completions, OpenAI Responses, or Anthropic Messages. */
export type ClientWire = 'openai-chat' | 'openai-responses' | 'anthropic-messages'

/** Every {@link ClientWire}, in a stable order. */
export const clientWires: readonly ClientWire[] = ['openai-chat', 'openai-responses', 'anthropic-messages']

/** True when `value` names a {@link ClientWire}. */
export function isClientWire(value: unknown): value is ClientWire {
  return typeof value === 'string' && (clientWires as readonly string[]).includes(value)
}
