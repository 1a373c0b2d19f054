// Answers Vertex text-embedding `:predict` with `{predictions: [{embeddings: {values, statistics}}]}`.
import { createEmbeddingVector } from '../embedding-vector.js'
import { jsonHeaders, type MockExchange, MockInputError, type MockReply, readJsonBody } from '../exchange.js'
import { estimateTokens } from '../reply-text.js'

/**
 * One prediction per `instances[].content`; `parameters.outputDimensionality` sets the size.
 *
 * @example
 * handleVertexPredictEmbeddings(exchange).body // '{"predictions":[{"embeddings":{"values":[…],"statistics":{"token_count":2,"truncated":false}}}]}'
 */
export function handleVertexPredictEmbeddings(exchange: MockExchange): MockReply {
  const body = readJsonBody(exchange)
  if (!Array.isArray(body.instances) || body.instances.length === 0) {
    throw new MockInputError(400, 'instances must be a non-empty list')
  }
  const parameters = (body.parameters ?? {}) as { outputDimensionality?: unknown }
  const dimensions =
    typeof parameters.outputDimensionality === 'number' && parameters.outputDimensionality > 0
      ? parameters.outputDimensionality
      : exchange.settings.embeddingDimensions
  const predictions = body.instances.map((instance: { content?: unknown }) => {
    if (typeof instance?.content !== 'string')
      throw new MockInputError(400, 'instances[].content must be a string')
    const values = createEmbeddingVector(instance.content, dimensions)
    return {
      embeddings: {
        values,
        statistics: { token_count: estimateTokens(instance.content.length), truncated: false },
      },
    }
  })
  return {
    status: 200,
    headers: jsonHeaders,
    body: JSON.stringify({ predictions, metadata: { billableCharacterCount: 0 } }),
  }
}
