// Public API of the translation layer: any client wire to any provider wire, through the canonical model.

export type { AppliedParameters } from './apply-parameters.js'
export { applyParameters, parameterColumn } from './apply-parameters.js'
export type {
  BedrockConverseCodec,
  BedrockEmbeddingFamily,
  ConverseStreamDecoder,
} from './bedrock-converse/index.js'
export {
  bedrockConverseCodec,
  bedrockEmbeddingFamily,
  bedrockErrorType,
  cohereEmbeddingBatchSize,
  decodeBedrockEmbeddingResponses,
  encodeBedrockEmbeddingRequests,
} from './bedrock-converse/index.js'
export type { TargetCodec, TargetStreamDecoder, WireCodec } from './codec.js'
export { targetCodecs, wireCodecs } from './codecs.js'
export type { CanonicalParam, DecodeContext, EncodeContext } from './context.js'
export type { EmbeddingEncoding, OpenAIEmbeddingsResponse } from './embeddings/index.js'
export { buildEmbeddingsResponse, estimateEmbeddingTokens, readEmbeddingInputs } from './embeddings/index.js'
export type { GeminiCodec } from './gemini/index.js'
export {
  cleanGeminiSchema,
  decodeGeminiEmbeddingResponses,
  encodeGeminiEmbeddingRequests,
  geminiCodec,
  geminiEmbeddingBatchSize,
  geminiSignaturePrefix,
} from './gemini/index.js'
export { isReasoningModel } from './model-capabilities.js'
export type {
  ConditionalHandling,
  ParameterEntry,
  ParameterTable,
  ParamHandling,
  ParamRule,
} from './parameters.js'
export { parameterTable } from './parameters.js'
export { reasoningEffort, thinkingBudget, thinkingBudgetByEffort } from './reasoning-budget.js'
export { renderParameterTable } from './render-parameter-table.js'
export type { StreamTranslator, StreamTranslatorOptions } from './stream-translator.js'
export { createStreamTranslator } from './stream-translator.js'
export type { SseEvent, StreamDecoder, StreamEncoder, StreamEncoderOptions } from './stream-types.js'
export type { TranslatedRequest, TranslateRequestOptions } from './translate-request.js'
export { defaultAnthropicMaxTokens, translateRequest } from './translate-request.js'
export type { TranslateErrorOptions, TranslateResponseOptions } from './translate-response.js'
export { encodeErrorBody, toCanonicalError, translateError, translateResponse } from './translate-response.js'
export type { ClientWire, ProviderWire, TargetWire } from './wire.js'
export { clientWires, isClientWire } from './wire.js'
