// OpenAI embeddings request ⇄ Bedrock InvokeModel bodies for Titan Text Embeddings and Cohere Embed.
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
import { unsupportedParameter } from '../unsupported.js'

/** Embedding model families Bedrock serves through InvokeModel. */
export type BedrockEmbeddingFamily = 'titan' | 'cohere'

/** Cohere's limit of texts per InvokeModel call. */
export const cohereEmbeddingBatchSize = 96

/**
 * The family of a Bedrock embedding model id (inference-profile prefixes allowed), or undefined.
 *
 * @example
 * bedrockEmbeddingFamily('amazon.titan-embed-text-v2:0') // 'titan'
 */
export function bedrockEmbeddingFamily(model: string): BedrockEmbeddingFamily | undefined {
  if (model.includes('titan-embed')) return 'titan'
  if (model.includes('cohere.embed')) return 'cohere'
  return undefined
}

/**
 * InvokeModel bodies for an OpenAI embeddings request, sent in order: Titan takes one text per call
 * (`{inputText, dimensions, normalize: true}` on v2, `{inputText}` on v1); Cohere up to 96
 * (`{texts, input_type: "search_document"}`, plus `output_dimension` on Embed v4).
 *
 * @example
 * encodeBedrockEmbeddingRequests({ model: 'e', input: ['a', 'b'], dimensions: 256 }, 'amazon.titan-embed-text-v2:0')
 * // [{ inputText: 'a', dimensions: 256, normalize: true }, { inputText: 'b', dimensions: 256, normalize: true }]
 */
export function encodeBedrockEmbeddingRequests(body: Record<string, unknown>, model: string): object[] {
  const inputs = readEmbeddingInputs(body)
  readEmbeddingEncoding(body)
  const dimensions = typeof body.dimensions === 'number' ? body.dimensions : undefined
  const family = bedrockEmbeddingFamily(model)
  if (family === 'titan') {
    const v2 = model.includes('text-v2')
    if (dimensions !== undefined && !v2)
      throw unsupportedParameter('dimensions', `${model} has a fixed dimension`)
    return inputs.map((inputText) =>
      v2
        ? { inputText, ...(dimensions === undefined ? {} : { dimensions }), normalize: true }
        : { inputText },
    )
  }
  if (family === 'cohere') {
    const v4 = model.includes('embed-v4')
    if (dimensions !== undefined && !v4)
      throw unsupportedParameter('dimensions', `${model} has a fixed dimension`)
    const batches: object[] = []
    for (let start = 0; start < inputs.length; start += cohereEmbeddingBatchSize) {
      const texts = inputs.slice(start, start + cohereEmbeddingBatchSize)
      batches.push({
        texts,
        input_type: 'search_document',
        ...(dimensions === undefined ? {} : { output_dimension: dimensions }),
      })
    }
    return batches
  }
  throw new GatewayError('bad_request', `"${model}" is not a Bedrock embedding model (Titan or Cohere Embed)`)
}

/** Options of {@link decodeBedrockEmbeddingResponses}. */
export interface DecodeBedrockEmbeddingsOptions {
  /** The client's OpenAI request (inputs, `encoding_format`). */
  request: Record<string, unknown>
  /** The Bedrock model id (decides the family) and the model named in the response. */
  model: string
  /** `x-amzn-bedrock-input-token-count` of each call, when read; Cohere bodies carry no count. */
  inputTokenCounts?: readonly number[]
}

/**
 * InvokeModel answers (in call order) → the OpenAI response. Titan: `{embedding,
 * inputTextTokenCount}`; Cohere: `{embeddings: [[…]]}` or, on v4 / with `embedding_types`,
 * `{embeddings: {float: [[…]]}}`. Usage: Titan's counts, else the header counts, else an estimate.
 *
 * @example
 * decodeBedrockEmbeddingResponses([{ embedding: [0.6, 0.8], inputTextTokenCount: 2 }], { request: { input: 'hi' }, model: 'amazon.titan-embed-text-v2:0' })
 */
export function decodeBedrockEmbeddingResponses(
  bodies: unknown[],
  options: DecodeBedrockEmbeddingsOptions,
): OpenAIEmbeddingsResponse {
  const inputs = readEmbeddingInputs(options.request)
  const titan = bedrockEmbeddingFamily(options.model) === 'titan'
  const vectors: number[][] = []
  let counted = 0
  for (const body of bodies) {
    const record = recordOf(body)
    if (titan) {
      const vector = readVector(record.embedding)
      if (vector === undefined) throw malformed()
      vectors.push(vector)
      counted += typeof record.inputTextTokenCount === 'number' ? record.inputTextTokenCount : 0
      continue
    }
    const embeddings = Array.isArray(record.embeddings)
      ? record.embeddings
      : recordOf(record.embeddings).float
    for (const item of Array.isArray(embeddings) ? embeddings : []) {
      const vector = readVector(item)
      if (vector === undefined) throw malformed()
      vectors.push(vector)
    }
  }
  if (vectors.length !== inputs.length) throw malformed()
  const headerCount = options.inputTokenCounts?.reduce((sum, count) => sum + count, 0) ?? 0
  return buildEmbeddingsResponse({
    model: options.model,
    vectors,
    encoding: readEmbeddingEncoding(options.request),
    promptTokens: counted || headerCount || estimateEmbeddingTokens(inputs),
  })
}

function malformed(): GatewayError {
  return new GatewayError('provider_error', 'The provider returned a malformed embeddings response')
}
