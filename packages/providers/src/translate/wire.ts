// The wire formats the translator speaks: the client wires, and the provider-only wires requests can target.

/** A wire format: OpenAI Chat Completions, OpenAI Responses, or Anthropic Messages. */
export type ClientWire = 'openai-chat' | 'openai-responses' | 'anthropic-messages'

/** A wire only providers speak: Gemini `generateContent` (API and Vertex), Bedrock Converse. */
export type ProviderWire = 'gemini' | 'bedrock-converse'

/** Any wire a request can be translated to and a response translated from. */
export type TargetWire = ClientWire | ProviderWire

/** Every {@link ClientWire}, in a stable order. */
export const clientWires: readonly ClientWire[] = ['openai-chat', 'openai-responses', 'anthropic-messages']

/** True when `value` names a {@link ClientWire}. */
export function isClientWire(value: unknown): value is ClientWire {
  return typeof value === 'string' && (clientWires as readonly string[]).includes(value)
}
