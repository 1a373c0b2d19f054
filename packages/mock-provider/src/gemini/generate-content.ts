// Answers Gemini `:generateContent` and `:streamGenerateContent` (SSE with `alt=sse`, else a streamed JSON array).
import { jsonHeaders, type MockExchange, type MockReply, nextId, readJsonBody } from '../exchange.js'
import { planTurn } from '../plan-turn.js'
import { geminiStreamError, googleErrorObject } from './gemini-error.js'
import { buildGenerateContent, buildGenerateContentChunks } from './generate-content-body.js'
import { readGenerateRequest } from './read-generate-request.js'

const geminiSseHeaders = Object.freeze({ 'content-type': 'text/event-stream', 'cache-control': 'no-cache' })

/** The model named by the path (`models/{model}:…`), decoded. */
export function pathModel(exchange: MockExchange): string {
  return decodeURIComponent(exchange.params.model ?? '')
}

function plan(exchange: MockExchange) {
  const request = readGenerateRequest(readJsonBody(exchange), pathModel(exchange))
  return { request, turn: planTurn(request.turn, exchange.reply, nextId(exchange)) }
}

/**
 * Handles `:generateContent`.
 *
 * @example
 * handleGenerateContent(exchange).body // '{"candidates":[{"content":{"parts":[{"text":"Hello…"}]…'
 */
export function handleGenerateContent(exchange: MockExchange): MockReply {
  const { request, turn } = plan(exchange)
  const body = buildGenerateContent(turn, pathModel(exchange), request.includeThoughts)
  return { status: 200, headers: jsonHeaders, body: JSON.stringify(body) }
}

/** Handles `:streamGenerateContent`: SSE events separated by CRLF pairs as Google sends them. */
export function handleStreamGenerateContent(exchange: MockExchange): MockReply {
  const { request, turn } = plan(exchange)
  const chunks = buildGenerateContentChunks(turn, pathModel(exchange), request.includeThoughts).map((chunk) =>
    JSON.stringify(chunk),
  )
  if (exchange.query.get('alt') === 'sse') {
    return {
      status: 200,
      headers: geminiSseHeaders,
      frames: chunks.map((chunk) => `data: ${chunk}\r\n\r\n`),
      streamError: geminiStreamError,
    }
  }
  const frames = chunks.map((chunk, index) => `${index === 0 ? '[' : ',\r\n'}${chunk}`)
  frames.push(']')
  // A failing array stream ends with an error element, then closes the array.
  const streamError = () => `,\r\n${JSON.stringify(googleErrorObject(500))}]`
  return { status: 200, headers: jsonHeaders, frames, streamError }
}
