// Answers Gemini `:embedContent`, `:batchEmbedContents` and `:countTokens`.
import { countTextChars } from '../count-text.js'
import { createEmbeddingVector } from '../embedding-vector.js'
import { jsonHeaders, type MockExchange, MockInputError, type MockReply, readJsonBody } from '../exchange.js'
import { estimateTokens } from '../reply-text.js'

type EmbedRequest = { content?: unknown; outputDimensionality?: unknown }

function embed(request: EmbedRequest, exchange: MockExchange) {
  if (!request?.content)
    throw new MockInputError(400, '* EmbedContentRequest.content: content is not specified')
  const parts = (request.content as { parts?: Array<{ text?: unknown }> }).parts ?? []
  const text = parts.map((part) => (typeof part.text === 'string' ? part.text : '')).join('')
  const dimensions =
    typeof request.outputDimensionality === 'number' && request.outputDimensionality > 0
      ? request.outputDimensionality
      : exchange.settings.embeddingDimensions
  return { values: createEmbeddingVector(text, dimensions) }
}

/**
 * Handles `:embedContent` → `{ embedding: { values } }`.
 *
 * @example
 * handleEmbedContent(exchange).body // '{"embedding":{"values":[0.12,…]}}'
 */
export function handleEmbedContent(exchange: MockExchange): MockReply {
  const embedding = embed(readJsonBody(exchange) as EmbedRequest, exchange)
  return { status: 200, headers: jsonHeaders, body: JSON.stringify({ embedding }) }
}

/** Handles `:batchEmbedContents` → `{ embeddings: [{ values }] }`. */
export function handleBatchEmbedContents(exchange: MockExchange): MockReply {
  const requests = readJsonBody(exchange).requests
  if (!Array.isArray(requests))
    throw new MockInputError(400, '* BatchEmbedContentsRequest.requests: requests is not specified')
  const embeddings = requests.map((request) => embed(request as EmbedRequest, exchange))
  return { status: 200, headers: jsonHeaders, body: JSON.stringify({ embeddings }) }
}

/** Handles `:countTokens` → `{ totalTokens }`, for `contents` or a whole `generateContentRequest`. */
export function handleCountTokens(exchange: MockExchange): MockReply {
  const body = readJsonBody(exchange)
  const tokens = estimateTokens(countTextChars({ body: body.contents ?? body.generateContentRequest }))
  const details = [{ modality: 'TEXT', tokenCount: tokens }]
  return {
    status: 200,
    headers: jsonHeaders,
    body: JSON.stringify({ totalTokens: tokens, promptTokensDetails: details }),
  }
}
