// Answers `POST /v1/messages/count_tokens` with `{input_tokens}`, without touching the prompt-cache memory.
import { jsonHeaders, type MockExchange, MockInputError, type MockReply, readJsonBody } from '../exchange.js'
import { estimateTokens } from '../reply-text.js'
import { collectPromptPieces } from './read-messages-request.js'

/**
 * Counts the prompt as the Messages endpoint would bill it.
 *
 * @example
 * handleCountTokens(exchange).body // '{"input_tokens":12}'
 */
export function handleCountTokens(exchange: MockExchange): MockReply {
  const body = readJsonBody(exchange)
  if (typeof body.model !== 'string') throw new MockInputError(400, 'model: Field required')
  if (!Array.isArray(body.messages)) throw new MockInputError(400, 'messages: Field required')
  let chars = 0
  for (const piece of collectPromptPieces(body)) chars += piece.chars
  return { status: 200, headers: jsonHeaders, body: `{"input_tokens":${estimateTokens(chars)}}` }
}
