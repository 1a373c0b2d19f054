// OpenAI embeddings request ⇄ Vertex AI text-embedding `:predict` (`instances[].content`).
import { GatewayError } from '@gw/contract'
import {
  buildEmbeddingsResponse,
  estimateEmbeddingTokens,
  type OpenAIEmbeddingsResponse,
  readEmbeddingEncoding,
  readEmbeddingInputs,
  readVector,
  recordOf,
} from '../embeddings/openai-embeddings.js'

/**
 * Instances per `:predict` call: `gemini-embedding-*` takes one, the `text-embedding-*` and
 * `text-multilingual-embedding-*` models up to 250.
 *
 * @example
 * vertexEmbeddingBatchSize('gemini-embedding-001') // 1
 */
export function vertexEmbeddingBatchSize(model: string): number {
  return model.startsWith('gemini-embedding') ? 1 : 250
}

/**
 * The `:predict` bodies of an OpenAI embeddings request; `dimensions` becomes
 * `parameters.outputDimensionality`.
 *
 * @example
 * encodeVertexEmbeddingRequests({ model: 'x', input: ['a'] }, 'text-embedding-005')
 * // [{ instances: [{ content: 'a' }] }]
 */
export function encodeVertexEmbeddingRequests(body: Record<string, unknown>, model: string): object[] {
  const inputs = readEmbeddingInputs(body)
  readEmbeddingEncoding(body)
  const parameters =
    typeof body.dimensions === 'number' ? { parameters: { outputDimensionality: body.dimensions } } : {}
  const size = vertexEmbeddingBatchSize(model)
  const batches: object[] = []
  for (let start = 0; start < inputs.length; start += size) {
    const instances = inputs.slice(start, start + size).map((content) => ({ content }))
    batches.push({ instances, ...parameters })
  }
  return batches
}

/**
 * `:predict` answers (in batch order) → the OpenAI response. `prompt_tokens` is the sum of
 * `statistics.token_count`, or an estimate when Vertex reports none.
 *
 * @example
 * decodeVertexEmbeddingResponses([{ predictions: [{ embeddings: { values: [1], statistics: { token_count: 1 } } }] }], { request: { input: 'a' }, model: 'text-embedding-005' })
 */
export function decodeVertexEmbeddingResponses(
  bodies: unknown[],
  options: { request: Record<string, unknown>; model: string },
): OpenAIEmbeddingsResponse {
  const inputs = readEmbeddingInputs(options.request)
  const vectors: number[][] = []
  let tokens = 0
  for (const body of bodies) {
    const predictions = recordOf(body).predictions
    for (const prediction of Array.isArray(predictions) ? predictions : []) {
      const embeddings = recordOf(recordOf(prediction).embeddings)
      const values = readVector(embeddings.values)
      if (values === undefined) throw malformed()
      vectors.push(values)
      const count = recordOf(embeddings.statistics).token_count
      if (typeof count === 'number') tokens += count
    }
  }
  if (vectors.length !== inputs.length) throw malformed()
  return buildEmbeddingsResponse({
    model: options.model,
    vectors,
    encoding: readEmbeddingEncoding(options.request),
    promptTokens: tokens > 0 ? tokens : estimateEmbeddingTokens(inputs),
  })
}

function malformed(): GatewayError {
  return new GatewayError('provider_error', 'The provider returned a malformed embeddings response')
}
