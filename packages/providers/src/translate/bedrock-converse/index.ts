// The Bedrock Converse codec: canonical ⇄ Bedrock Runtime Converse / ConverseStream, plus embeddings bodies.
import type { CanonicalError } from '../../canonical/types.js'
import type { WireCodec } from '../codec.js'
import { decodeConverseResponse } from './decode-response.js'
import { type ConverseStreamDecoder, createConverseStreamDecoder } from './decode-stream.js'
import { encodeConverseRequest } from './encode-request.js'
import { decodeBedrockError } from './errors.js'

/**
 * What a provider-only wire implements of {@link WireCodec}; its stream decoder also takes parsed
 * frames, and its error decoder the exception name of the `x-amzn-errortype` header.
 */
export type BedrockConverseCodec = Pick<WireCodec, 'encodeRequest' | 'decodeResponse'> & {
  createStreamDecoder(): ConverseStreamDecoder
  decodeError(body: unknown, status?: number, errorType?: string): CanonicalError
}

/** Bedrock Runtime `Converse` / `ConverseStream`. */
export const bedrockConverseCodec: BedrockConverseCodec = {
  encodeRequest: encodeConverseRequest,
  decodeResponse: decodeConverseResponse,
  createStreamDecoder: createConverseStreamDecoder,
  decodeError: decodeBedrockError,
}

export { createConverseResponseId, decodeConverseResponse } from './decode-response.js'
export type { ConverseStreamDecoder } from './decode-stream.js'
export { createConverseStreamDecoder } from './decode-stream.js'
export type { BedrockEmbeddingFamily, DecodeBedrockEmbeddingsOptions } from './embeddings.js'
export {
  bedrockEmbeddingFamily,
  cohereEmbeddingBatchSize,
  decodeBedrockEmbeddingResponses,
  encodeBedrockEmbeddingRequests,
} from './embeddings.js'
export { encodeConverseMessages } from './encode-messages.js'
export { encodeConverseRequest, jsonSchemaInstruction } from './encode-request.js'
export { bedrockErrorType, decodeBedrockError } from './errors.js'
export { decodeConverseStopReason } from './stop-reason.js'
export type { ConverseContentBlock, ConverseMessage, ConverseRequest } from './types.js'
export { decodeConverseUsage } from './usage.js'
