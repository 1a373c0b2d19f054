// Answers `POST /v1/chat/completions` (and Azure's deployment path) with a completion or its stream.
import {
  jsonHeaders,
  type MockExchange,
  type MockReply,
  nextId,
  readJsonBody,
  sseHeaders,
} from '../exchange.js'
import { planTurn } from '../plan-turn.js'
import { renderChatCompletion } from './chat-completion-body.js'
import { renderChatCompletionStream } from './chat-completion-stream.js'
import { openAiStreamError } from './openai-error.js'
import { readChatRequest } from './read-chat-request.js'

/**
 * Handles one chat-completions request; `params.deployment` (Azure) names the model.
 *
 * @example
 * handleChatCompletions(exchange) // { status: 200, headers, body: '{"id":"chatcmpl-…"…}' }
 */
export function handleChatCompletions(exchange: MockExchange): MockReply {
  const request = readChatRequest(readJsonBody(exchange), exchange.params.deployment)
  const turn = planTurn(request.turn, exchange.reply, nextId(exchange))
  const created = Math.floor(exchange.settings.now() / 1000)
  if (!request.stream) {
    return { status: 200, headers: jsonHeaders, body: renderChatCompletion(turn, request.model, created) }
  }
  return {
    status: 200,
    headers: sseHeaders,
    frames: renderChatCompletionStream(turn, request.model, created, request.includeUsage),
    streamError: openAiStreamError,
  }
}
