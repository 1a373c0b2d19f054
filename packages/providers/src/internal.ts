// Internal API of @gw/providers (`@gw/providers/internal`): every building block, for the gateway and the benchmarks. No stability promise: use the root export.

export { defaultAnthropicVersion } from './anthropic/anthropic-adapter.js'
export { mapAnthropicUsage } from './anthropic/anthropic-usage.js'
export {
  type AwsCredentials,
  type BedrockAnthropicBodyOptions,
  type BedrockOperation,
  type BedrockSigner,
  type BedrockSignerOptions,
  bedrockAnthropicVersion,
  bedrockModelPath,
  bedrockRuntimeOrigin,
  createBedrockSigner,
  createEventStreamDecoder,
  decodeInvokeStreamEvent,
  type EventStreamDecoder,
  type EventStreamDecoderOptions,
  type EventStreamMessage,
  encodeBedrockAnthropicBody,
  encodeBedrockModelId,
  loadEventStreamCodec,
  type SignableRequest,
  type SignBedrockRequestOptions,
  signBedrockRequest,
} from './bedrock/index.js'
export { isBedrockAnthropicModel } from './bedrock/model-ids.js'
export { countPromptTokens } from './count-tokens/count-prompt-tokens.js'
export { encodingForModel, type LocalEncoding } from './count-tokens/local-tokenizer.js'
export type { AttemptOutcome, ClientConnection } from './dispatch/attempt-types.js'
export { breakerSignal, classifyOutcome, isFallbackStatus } from './dispatch/classify-outcome.js'
export { createForwarder, type ForwarderOptions, type ForwardRequest } from './dispatch/create-forwarder.js'
export { type PreparedBody, prepareBody } from './dispatch/prepare-body.js'
export {
  parseRetryAfterMs,
  type ResolvedRetry,
  type RetryOptions,
  resolveRetry,
  retryDelayMs,
} from './dispatch/retry-policy.js'
export { formatStreamError } from './dispatch/stream-error-event.js'
export { headersForBody, type UpstreamBody, upstreamBodyLength, wholeBody } from './dispatch/upstream-body.js'
export {
  type PreparedAttempt,
  type WalkContext,
  type WalkResult,
  walkCandidates,
} from './dispatch/walk-candidates.js'
export {
  createGeminiStreamObserver,
  defaultGeminiOrigin,
  type GeminiMethod,
  geminiAuthHeaders,
  geminiModelPath,
  geminiOrigin,
  readGeminiResponseUsage,
} from './gemini/index.js'
export * from './index.js'
export { mapOpenAIUsage } from './openai/openai-usage.js'
export { compileModelGlobs } from './routing/model-globs.js'
export type {
  CloudProviderAdapter,
  PrepareRequestInput,
  RequestAuthorizer,
  StreamObserver,
  UpstreamPlan,
  UpstreamPlanInput,
  UpstreamRequest,
} from './spec/provider-adapter.js'
export { defaultAzureApiVersion } from './spec/provider-config.js'
export type { EmbeddingsWire, UpstreamWire } from './spec/upstream-wire.js'
export { createUsage } from './spec/usage.js'
export {
  type AppliedParameters,
  applyParameters,
  type BedrockConverseCodec,
  type BedrockEmbeddingFamily,
  bedrockConverseCodec,
  bedrockEmbeddingFamily,
  bedrockErrorType,
  buildEmbeddingsResponse,
  type CanonicalParam,
  type ClientWire,
  type ConditionalHandling,
  type ConverseStreamDecoder,
  cleanGeminiSchema,
  clientWires,
  cohereEmbeddingBatchSize,
  type DecodeContext,
  decodeBedrockEmbeddingResponses,
  decodeGeminiEmbeddingResponses,
  defaultAnthropicMaxTokens,
  type EmbeddingEncoding,
  type EncodeContext,
  encodeBedrockEmbeddingRequests,
  encodeErrorBody,
  encodeGeminiEmbeddingRequests,
  estimateEmbeddingTokens,
  type GeminiCodec,
  geminiCodec,
  geminiEmbeddingBatchSize,
  geminiSignaturePrefix,
  isClientWire,
  isReasoningModel,
  type OpenAIEmbeddingsResponse,
  type ParameterEntry,
  type ParameterTable,
  type ParamHandling,
  type ParamRule,
  type ProviderWire,
  parameterColumn,
  parameterTable,
  readEmbeddingInputs,
  reasoningEffort,
  renderParameterTable,
  type SseEvent,
  type StreamDecoder,
  type StreamEncoder,
  type StreamEncoderOptions,
  type TargetCodec,
  type TargetStreamDecoder,
  type TargetWire,
  type TranslatedRequest,
  type TranslateErrorOptions,
  type TranslateRequestOptions,
  type TranslateResponseOptions,
  targetCodecs,
  thinkingBudget,
  thinkingBudgetByEffort,
  toCanonicalError,
  translateError,
  type WireCodec,
  wireCodecs,
} from './translate/index.js'
export { boundedMemo } from './utils/bounded-memo.js'
export type { FlatHeaders } from './utils/http-headers.js'
export {
  createOutboundPools,
  type OutboundPools,
  type OutboundPoolsOptions,
  type OutboundTimeouts,
} from './utils/outbound-pools.js'
export { providerName } from './utils/provider-name.js'
export { type SseEventHandler, SseScanner, type SseScannerOptions } from './utils/sse-scanner.js'
export { type ScannedRequest, scannedFromParsed, scanRequest } from './validate/scan-request.js'
export { validateClientRequest } from './validate/validate-request.js'
export {
  cloudPlatformScope,
  createVertexTokenSource,
  defaultTokenUri,
  encodeVertexAnthropicBody,
  type GoogleCredentials,
  parseGoogleCredentials,
  parseServiceAccount,
  type ServiceAccount,
  type VertexMethod,
  type VertexModelPathOptions,
  type VertexTokenSource,
  type VertexTokenSourceOptions,
  vertexAnthropicVersion,
  vertexModelPath,
  vertexOrigin,
} from './vertex/index.js'
export { isVertexClaudeModel } from './vertex/vertex-adapter.js'
