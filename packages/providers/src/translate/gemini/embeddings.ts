// OpenAI embeddings request ⇄ Gemini `batchEmbedContents` (up to 100 texts per call).
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

/** Gemini's limit of requests in one `batchEmbedContents` call. */
export const geminiEmbeddingBatchSize = 100

/**
 * One `batchEmbedContents` body per 100 inputs; `dimensions` becomes `outputDimensionality`.
 *
 * @example
 * encodeGeminiEmbeddingRequests({ model: 'x', input: ['a'], dimensions: 8 }, 'gemini-embedding-001')
 * // [{ requests: [{ model: 'models/gemini-embedding-001', content: { parts: [{ text: 'a' }] }, outputDimensionality: 8 }] }]
 */
export function encodeGeminiEmbeddingRequests(body: Record<string, unknown>, model: string): object[] {
  const inputs = readEmbeddingInputs(body)
  readEmbeddingEncoding(body)
  const dimensions = typeof body.dimensions === 'number' ? { outputDimensionality: body.dimensions } : {}
  const name = model.startsWith('models/') ? model : `models/${model}`
  const batches: object[] = []
  for (let start = 0; start < inputs.length; start += geminiEmbeddingBatchSize) {
    const requests = inputs
      .slice(start, start + geminiEmbeddingBatchSize)
      .map((text) => ({ model: name, content: { parts: [{ text }] }, ...dimensions }))
    batches.push({ requests })
  }
  return batches
}

/** Options of {@link decodeGeminiEmbeddingResponses}. */
export interface DecodeGeminiEmbeddingsOptions {
  /** The client's OpenAI request (inputs for the usage estimate, `encoding_format`). */
  request: Record<string, unknown>
  /** The model named in the response. */
  model: string
}

/**
 * `batchEmbedContents` answers (in batch order) → the OpenAI response. Gemini reports no token
 * usage here, so `prompt_tokens` is estimated (⌈characters / 4⌉ per input).
 *
 * @example
 * decodeGeminiEmbeddingResponses([{ embeddings: [{ values: [0.6, 0.8] }] }], { request: { input: 'hi' }, model: 'gemini-embedding-001' })
 */
export function decodeGeminiEmbeddingResponses(
  bodies: unknown[],
  options: DecodeGeminiEmbeddingsOptions,
): OpenAIEmbeddingsResponse {
  const inputs = readEmbeddingInputs(options.request)
  const vectors: number[][] = []
  for (const body of bodies) {
    const embeddings = recordOf(body).embeddings
    for (const embedding of Array.isArray(embeddings) ? embeddings : []) {
      const values = readVector(recordOf(embedding).values)
      if (values === undefined) throw malformed()
      vectors.push(values)
    }
  }
  if (vectors.length !== inputs.length) throw malformed()
  return buildEmbeddingsResponse({
    model: options.model,
    vectors,
    encoding: readEmbeddingEncoding(options.request),
    promptTokens: estimateEmbeddingTokens(inputs),
  })
}

function malformed(): GatewayError {
  return new GatewayError('provider_error', 'The provider returned a malformed embeddings response')
}
