// The client-facing APIs the providers package can serve, with their HTTP method and wire family.

/** A client-facing API: which route the client called, hence the wire shape of body and response. */
export type ClientApi =
  | 'openai-chat'
  | 'openai-responses'
  | 'openai-embeddings'
  | 'anthropic-messages'
  | 'anthropic-count-tokens'
  | 'openai-models'

/** The wire family of a {@link ClientApi}: decides error shapes and stream framing. */
export type WireFamily = 'openai' | 'anthropic'

/** What every {@link ClientApi} is, on the wire. */
export interface ClientApiInfo {
  method: 'GET' | 'POST'
  wire: WireFamily
  /** Path under the OpenAI `/v1` base or the Anthropic origin. */
  path: string
}

/**
 * The table of {@link ClientApi}s: the wire family and path of each API a client may call.
 *
 * @example
 * clientApis['anthropic-messages'] // { method: 'POST', wire: 'anthropic', path: '/v1/messages' }
 */
export const clientApis: Readonly<Record<ClientApi, ClientApiInfo>> = {
  'openai-chat': { method: 'POST', wire: 'openai', path: '/chat/completions' },
  'openai-responses': { method: 'POST', wire: 'openai', path: '/responses' },
  'openai-embeddings': { method: 'POST', wire: 'openai', path: '/embeddings' },
  'openai-models': { method: 'GET', wire: 'openai', path: '/models' },
  'anthropic-messages': { method: 'POST', wire: 'anthropic', path: '/v1/messages' },
  'anthropic-count-tokens': { method: 'POST', wire: 'anthropic', path: '/v1/messages/count_tokens' },
}
