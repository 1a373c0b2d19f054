// Answers `POST /v1/responses` with a response object or its event stream.
import {
  jsonHeaders,
  type MockExchange,
  type MockReply,
  nextId,
  readJsonBody,
  sseHeaders,
} from '../exchange.js'
import { planTurn } from '../plan-turn.js'
import { readResponsesRequest } from './read-responses-request.js'
import { buildResponse } from './response-object.js'
import { renderResponsesStream, responsesStreamError } from './responses-stream.js'

/**
 * Handles one Responses API request.
 *
 * @example
 * handleResponses(exchange) // { status: 200, body: '{"id":"resp_…","object":"response",…}' }
 */
export function handleResponses(exchange: MockExchange): MockReply {
  const request = readResponsesRequest(readJsonBody(exchange))
  const turn = planTurn(request.turn, exchange.reply, nextId(exchange))
  const createdAt = Math.floor(exchange.settings.now() / 1000)
  if (!request.stream) {
    return {
      status: 200,
      headers: jsonHeaders,
      body: JSON.stringify(buildResponse(turn, request, createdAt, true)),
    }
  }
  return {
    status: 200,
    headers: sseHeaders,
    frames: renderResponsesStream(turn, request, createdAt),
    streamError: responsesStreamError,
  }
}
