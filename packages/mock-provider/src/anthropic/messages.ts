// Answers `POST /v1/messages` with a message or its SSE stream; shared with Vertex and Bedrock.
import {
  jsonHeaders,
  type MockExchange,
  MockInputError,
  type MockReply,
  nextId,
  readJsonBody,
  sseHeaders,
} from '../exchange.js'
import { planTurn, type Turn } from '../plan-turn.js'
import { anthropicStreamError } from './anthropic-error.js'
import { buildMessage } from './message-body.js'
import { renderMessageEvents, toSseFrames } from './message-stream.js'
import { type MessagesRequest, readMessagesRequest } from './read-messages-request.js'

/** Reads and plans a Messages request; on Vertex and Bedrock the path names the model and `anthropic_version` is a body field. */
export function planMessages(
  exchange: MockExchange,
  platform?: { model: string; version: string },
): { request: MessagesRequest; turn: Turn } {
  const body = readJsonBody(exchange)
  if (platform && body.anthropic_version !== platform.version) {
    throw new MockInputError(400, `anthropic_version: must be "${platform.version}"`)
  }
  const request = readMessagesRequest(body, exchange.state.promptCache, platform?.model)
  return { request, turn: planTurn(request.turn, exchange.reply, nextId(exchange)) }
}

/** Renders a planned Messages answer as JSON or SSE. */
export function replyMessages(request: MessagesRequest, turn: Turn, stream: boolean): MockReply {
  if (!stream)
    return { status: 200, headers: jsonHeaders, body: JSON.stringify(buildMessage(turn, request.model)) }
  return {
    status: 200,
    headers: sseHeaders,
    frames: toSseFrames(renderMessageEvents(turn, request.model)),
    streamError: anthropicStreamError,
  }
}

/**
 * Handles one direct Anthropic Messages request.
 *
 * @example
 * handleMessages(exchange) // { status: 200, body: '{"id":"msg_…","type":"message",…}' }
 */
export function handleMessages(exchange: MockExchange): MockReply {
  const { request, turn } = planMessages(exchange)
  return replyMessages(request, turn, request.stream)
}
