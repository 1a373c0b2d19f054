// Public API of the translation layer: any client wire to any provider wire, through the canonical model.
// Embeddings translation (Gemini, Bedrock) is not here yet: it arrives with the cloud adapters.

export type { AppliedParameters } from './apply-parameters.js'
export { applyParameters } from './apply-parameters.js'
export type { WireCodec } from './codec.js'
export { wireCodecs } from './codecs.js'
export type { CanonicalParam, DecodeContext, EncodeContext } from './context.js'
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
export type { ClientWire } from './wire.js'
export { clientWires, isClientWire } from './wire.js'
