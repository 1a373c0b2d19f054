// The OpenAI embeddings wire as providers without it need it: read inputs, write vectors (float or base64).
import { isRecord } from '../json.js'
import { unsupportedParameter } from '../unsupported.js'

/** How the client wants vectors: JSON numbers, or base64 of little-endian float32 (the OpenAI SDK default). */
export type EmbeddingEncoding = 'float' | 'base64'

/** The OpenAI `/v1/embeddings` response body. */
export interface OpenAIEmbeddingsResponse {
  object: 'list'
  data: Array<{ object: 'embedding'; index: number; embedding: number[] | string }>
  model: string
  usage: { prompt_tokens: number; total_tokens: number }
}

/**
 * The texts of an OpenAI embeddings request. Token-id inputs are refused (400
 * `unsupported_parameter`): other providers take text only.
 *
 * @example
 * readEmbeddingInputs({ model: 'm', input: 'hello' }) // ['hello']
 */
export function readEmbeddingInputs(body: Record<string, unknown>): string[] {
  const input = body.input
  const inputs = typeof input === 'string' ? [input] : Array.isArray(input) ? input : []
  if (inputs.length === 0 || !inputs.every((item) => typeof item === 'string')) {
    throw unsupportedParameter(
      'input',
      'only a string or an array of strings can be embedded by this provider',
    )
  }
  return inputs as string[]
}

/** The requested `encoding_format` (default `float`); anything else is refused. */
export function readEmbeddingEncoding(body: Record<string, unknown>): EmbeddingEncoding {
  const format = body.encoding_format ?? 'float'
  if (format !== 'float' && format !== 'base64') {
    throw unsupportedParameter('encoding_format', 'expected "float" or "base64"')
  }
  return format
}

/** Writes one vector in the requested encoding. */
export function encodeEmbeddingVector(
  values: readonly number[],
  encoding: EmbeddingEncoding,
): number[] | string {
  if (encoding === 'float') return [...values]
  const view = new DataView(new ArrayBuffer(values.length * 4))
  for (const [index, value] of values.entries()) view.setFloat32(index * 4, value, true)
  return Buffer.from(view.buffer).toString('base64')
}

/** A token estimate for providers that report none: ⌈characters / 4⌉ per input. */
export function estimateEmbeddingTokens(inputs: readonly string[]): number {
  return inputs.reduce((sum, text) => sum + Math.ceil(text.length / 4), 0)
}

/** Options of {@link buildEmbeddingsResponse}. */
export interface BuildEmbeddingsResponseOptions {
  model: string
  vectors: number[][]
  encoding: EmbeddingEncoding
  promptTokens: number
}

/**
 * Writes the OpenAI embeddings response.
 *
 * @example
 * buildEmbeddingsResponse({ model: 'm', vectors: [[0.6, 0.8]], encoding: 'float', promptTokens: 2 }).data[0].embedding // [0.6, 0.8]
 */
export function buildEmbeddingsResponse(options: BuildEmbeddingsResponseOptions): OpenAIEmbeddingsResponse {
  return {
    object: 'list',
    data: options.vectors.map((vector, index) => ({
      object: 'embedding',
      index,
      embedding: encodeEmbeddingVector(vector, options.encoding),
    })),
    model: options.model,
    usage: { prompt_tokens: options.promptTokens, total_tokens: options.promptTokens },
  }
}

/** Reads a JSON array of numbers, or undefined. */
export function readVector(value: unknown): number[] | undefined {
  return Array.isArray(value) && value.every((item) => typeof item === 'number')
    ? (value as number[])
    : undefined
}

/** The record itself, or an empty one. */
export function recordOf(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {}
}
