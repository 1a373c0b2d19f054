// Per embeddings wire: the batch bodies of an OpenAI request, the OpenAI answer from the batch answers, errors.
import type { IncomingHttpHeaders } from 'node:http'
import type { CanonicalError } from '../canonical/types.js'
import type { EmbeddingsWire } from '../spec/upstream-wire.js'
import {
  decodeBedrockEmbeddingResponses,
  encodeBedrockEmbeddingRequests,
} from '../translate/bedrock-converse/embeddings.js'
import { bedrockErrorType, decodeBedrockError } from '../translate/bedrock-converse/errors.js'
import type { OpenAIEmbeddingsResponse } from '../translate/embeddings/openai-embeddings.js'
import {
  decodeGeminiEmbeddingResponses,
  encodeGeminiEmbeddingRequests,
} from '../translate/gemini/embeddings.js'
import { decodeGeminiError } from '../translate/gemini/errors.js'
import {
  decodeVertexEmbeddingResponses,
  encodeVertexEmbeddingRequests,
} from '../translate/gemini/vertex-embeddings.js'

/** One batch answer as received. */
export interface EmbeddingsAnswer {
  headers: IncomingHttpHeaders
  body: unknown
}

/**
 * The request bodies of an OpenAI embeddings request, one per call: Gemini batches of ≤ 100 texts,
 * Titan one text per call, Cohere batches of ≤ 96. Throws `unsupported_parameter` (token-id
 * inputs, an unknown `encoding_format`, `dimensions` on a fixed-size model).
 *
 * @example
 * encodeEmbeddingsBatches('gemini-batch-embed', { model: 'e', input: ['a', 'b'] }, 'gemini-embedding-001').length // 1
 */
export function encodeEmbeddingsBatches(
  wire: EmbeddingsWire,
  request: Record<string, unknown>,
  model: string,
): Buffer[] {
  const bodies =
    wire === 'gemini-batch-embed'
      ? encodeGeminiEmbeddingRequests(request, model)
      : wire === 'vertex-predict-embed'
        ? encodeVertexEmbeddingRequests(request, model)
        : encodeBedrockEmbeddingRequests(request, model)
  return bodies.map((body) => Buffer.from(JSON.stringify(body)))
}

function headerCount(headers: IncomingHttpHeaders): number {
  const value = Number(headers['x-amzn-bedrock-input-token-count'])
  return Number.isFinite(value) && value > 0 ? value : 0
}

/** The OpenAI response from the batch answers, in batch order; throws `provider_error` when malformed. */
export function decodeEmbeddingsAnswers(
  wire: EmbeddingsWire,
  answers: readonly EmbeddingsAnswer[],
  request: Record<string, unknown>,
  model: string,
): OpenAIEmbeddingsResponse {
  const bodies = answers.map((answer) => answer.body)
  if (wire === 'gemini-batch-embed') return decodeGeminiEmbeddingResponses(bodies, { request, model })
  if (wire === 'vertex-predict-embed') return decodeVertexEmbeddingResponses(bodies, { request, model })
  const inputTokenCounts = answers.map((answer) => headerCount(answer.headers))
  return decodeBedrockEmbeddingResponses(bodies, { request, model, inputTokenCounts })
}

/** A non-2xx batch answer → canonical error with the status the client gets and fallback judges. */
export function decodeEmbeddingsError(
  wire: EmbeddingsWire,
  body: unknown,
  status: number,
  headers: IncomingHttpHeaders,
): CanonicalError {
  if (wire !== 'bedrock-invoke-embed') return decodeGeminiError(body, status)
  const header = headers['x-amzn-errortype']
  return decodeBedrockError(body, status, bedrockErrorType(typeof header === 'string' ? header : undefined))
}
