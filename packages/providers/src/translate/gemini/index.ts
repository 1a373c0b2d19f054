// The Gemini codec (Generative Language API and Vertex AI `publishers/google`): canonical ⇄ Gemini wire.
import type { WireCodec } from '../codec.js'
import { decodeGeminiResponse } from './decode-response.js'
import { createGeminiStreamDecoder } from './decode-stream.js'
import { encodeGeminiRequest } from './encode-request.js'
import { decodeGeminiError } from './errors.js'

/** What a provider-only wire implements of {@link WireCodec}: no client ever speaks it. */
export type GeminiCodec = Pick<
  WireCodec,
  'encodeRequest' | 'decodeResponse' | 'createStreamDecoder' | 'decodeError'
>

/** Gemini `generateContent` / `streamGenerateContent?alt=sse`. */
export const geminiCodec: GeminiCodec = {
  encodeRequest: encodeGeminiRequest,
  decodeResponse: decodeGeminiResponse,
  createStreamDecoder: createGeminiStreamDecoder,
  decodeError: decodeGeminiError,
}

export { decodeGeminiParts, decodeGeminiResponse } from './decode-response.js'
export { createGeminiStreamDecoder } from './decode-stream.js'
export type { DecodeGeminiEmbeddingsOptions } from './embeddings.js'
export {
  decodeGeminiEmbeddingResponses,
  encodeGeminiEmbeddingRequests,
  geminiEmbeddingBatchSize,
} from './embeddings.js'
export { encodeGeminiContents, geminiSignaturePrefix, skipThoughtSignature } from './encode-contents.js'
export { encodeGeminiRequest } from './encode-request.js'
export { decodeGeminiError, statusByGoogleStatus } from './errors.js'
export { decodeGeminiFinishReason } from './finish-reason.js'
export { cleanGeminiSchema } from './schema.js'
export type {
  GeminiContent,
  GeminiPart,
  GeminiRequest,
  GeminiUsageMetadata,
  GoogleErrorBody,
} from './types.js'
export { decodeGeminiUsage } from './usage.js'
