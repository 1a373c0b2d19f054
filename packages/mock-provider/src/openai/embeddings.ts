// Answers `POST /v1/embeddings` with deterministic vectors, as floats or base64 float32 (OpenAI and Azure).
import { createEmbeddingVector, encodeEmbeddingBase64 } from '../embedding-vector.js'
import { jsonHeaders, type MockExchange, MockInputError, type MockReply, readJsonBody } from '../exchange.js'
import { estimateTokens } from '../reply-text.js'

function readInputs(input: unknown): string[] {
  if (typeof input === 'string') return [input]
  if (Array.isArray(input) && input.length > 0) {
    // A token array (numbers) is one input; an array of token arrays is many.
    if (input.every((item) => typeof item === 'number')) return [input.join(' ')]
    return input.map((item) => (Array.isArray(item) ? item.join(' ') : String(item)))
  }
  throw new MockInputError(400, "'input' is a required property and must be a non-empty string or array.")
}

/**
 * Handles one embeddings request: `dimensions` honoured (default from the options),
 * `encoding_format: "base64"` answered with little-endian float32 bytes.
 *
 * @example
 * handleEmbeddings(exchange) // { status: 200, body: '{"object":"list","data":[{"object":"embedding",…}]…}' }
 */
export function handleEmbeddings(exchange: MockExchange): MockReply {
  const body = readJsonBody(exchange)
  const model = exchange.params.deployment ?? body.model
  if (typeof model !== 'string' || model === '') {
    throw new MockInputError(400, 'you must provide a model parameter')
  }
  const dimensions =
    typeof body.dimensions === 'number' && body.dimensions > 0
      ? Math.floor(body.dimensions)
      : exchange.settings.embeddingDimensions
  const base64 = body.encoding_format === 'base64'
  const inputs = readInputs(body.input)
  let tokens = 0
  const data = inputs.map((text, index) => {
    tokens += estimateTokens(text.length)
    const vector = createEmbeddingVector(text, dimensions)
    return { object: 'embedding', index, embedding: base64 ? encodeEmbeddingBase64(vector) : vector }
  })
  return {
    status: 200,
    headers: jsonHeaders,
    body: JSON.stringify({
      object: 'list',
      data,
      model,
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    }),
  }
}
