// Public API of the OpenAI embeddings wire helpers shared by the providers that lack that wire (Gemini, Bedrock).

export type {
  BuildEmbeddingsResponseOptions,
  EmbeddingEncoding,
  OpenAIEmbeddingsResponse,
} from './openai-embeddings.js'
export {
  buildEmbeddingsResponse,
  encodeEmbeddingVector,
  estimateEmbeddingTokens,
  readEmbeddingEncoding,
  readEmbeddingInputs,
} from './openai-embeddings.js'
