// Public API of the Bedrock building blocks: SigV4 signing, endpoints, event-stream decoding, Anthropic on InvokeModel.

export type { BedrockOperation } from './endpoint.js'
export { bedrockModelPath, bedrockRuntimeOrigin, encodeBedrockModelId } from './endpoint.js'
export type {
  EventStreamDecoder,
  EventStreamDecoderOptions,
  EventStreamMessage,
} from './event-stream-decoder.js'
export { createEventStreamDecoder, loadEventStreamCodec } from './event-stream-decoder.js'
export type { BedrockAnthropicBodyOptions } from './invoke-anthropic.js'
export {
  bedrockAnthropicVersion,
  decodeInvokeStreamEvent,
  encodeBedrockAnthropicBody,
} from './invoke-anthropic.js'
export type {
  AwsCredentials,
  BedrockSigner,
  BedrockSignerOptions,
  SignableRequest,
  SignBedrockRequestOptions,
} from './sign-request.js'
export { createBedrockSigner, signBedrockRequest } from './sign-request.js'
