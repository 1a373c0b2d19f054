// Internal API of @gw/providers (`@gw/providers/internal`): every building block, for the gateway and the benchmarks. No stability promise: use the root export.

export { createAnthropicAdapter, defaultAnthropicVersion } from './anthropic/anthropic-adapter.js'
export { mapAnthropicUsage } from './anthropic/anthropic-usage.js'
export { createAzureOpenAIAdapter } from './azure-openai/azure-openai-adapter.js'
export { type BedrockAdapterOptions, createBedrockAdapter } from './bedrock/bedrock-adapter.js'
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
export { type Catalog, type CatalogOptions, createCatalog } from './catalog/create-catalog.js'
export { builtInPrices, type ModelPrice } from './catalog/model-prices.js'
export {
  type CallOptions,
  type ChatResult,
  type ClientForwardRequest,
  createProviderClient,
  type ProviderClient,
  type ProviderClientOptions,
  type ProviderStream,
} from './client/create-provider-client.js'
export { EventStreamSink } from './client/event-stream-sink.js'
export { MemorySink } from './client/memory-sink.js'
export { countPromptTokens } from './count-tokens/count-prompt-tokens.js'
export { encodingForModel, type LocalEncoding } from './count-tokens/local-tokenizer.js'
export type { AttemptOutcome, ClientConnection } from './dispatch/attempt-types.js'
export {
  type CircuitBreakerOptions,
  type CircuitBreakers,
  type CircuitEvent,
  type CircuitState,
  createCircuitBreakers,
} from './dispatch/circuit-breaker.js'
export { breakerSignal, classifyOutcome, isFallbackStatus } from './dispatch/classify-outcome.js'
export {
  type AdapterCacheOptions,
  type AdapterOptions,
  createAdapter,
  createAdapterCache,
} from './dispatch/create-adapter.js'
export { createForwarder, type ForwarderOptions, type ForwardRequest } from './dispatch/create-forwarder.js'
export type { AttemptRecord, Candidate, ForwardResult, ResponseSink } from './dispatch/dispatch-types.js'
export { type PreparedBody, prepareBody } from './dispatch/prepare-body.js'
export {
  parseRetryAfterMs,
  type ResolvedRetry,
  type RetryOptions,
  resolveRetry,
  retryDelayMs,
} from './dispatch/retry-policy.js'
export { formatStreamError } from './dispatch/stream-error-event.js'
export {
  type PreparedAttempt,
  type WalkContext,
  type WalkResult,
  walkCandidates,
} from './dispatch/walk-candidates.js'
export { createGeminiAdapter } from './gemini/gemini-adapter.js'
export {
  createGeminiStreamObserver,
  defaultGeminiOrigin,
  type GeminiMethod,
  geminiAuthHeaders,
  geminiModelPath,
  geminiOrigin,
  readGeminiResponseUsage,
} from './gemini/index.js'
export { createOpenAIAdapter } from './openai/openai-adapter.js'
export { mapOpenAIUsage } from './openai/openai-usage.js'
export { createOpenAICompatibleAdapter } from './openai-compatible/openai-compatible-adapter.js'
export { createRouter, type Router, type RouterModel } from './routing/create-router.js'
export { modelFamilyOf } from './routing/model-family.js'
export { compileModelGlobs } from './routing/model-globs.js'
export type { FallbackEntry, RouteConfig, RoutePlan } from './routing/route-config.js'
export {
  type KeyRoutingFields,
  providerConfigFromSlot,
  routeConfigFromKeyConfig,
} from './routing/route-config-from-key.js'
export { routerForKeyConfig } from './routing/router-for-key-config.js'
export { type ClientApi, type ClientApiInfo, clientApis, type WireFamily } from './spec/client-api.js'
export type {
  AnyProviderAdapter,
  CloudProviderAdapter,
  PrepareRequestInput,
  ProviderAdapter,
  RequestAuthorizer,
  StreamObserver,
  UpstreamPlan,
  UpstreamPlanInput,
  UpstreamRequest,
} from './spec/provider-adapter.js'
export {
  type AnthropicProviderConfig,
  type ApiKeyCredentials,
  type AzureOpenAICredentials,
  type AzureOpenAIProviderConfig,
  type BedrockCredentials,
  type BedrockProviderConfig,
  defaultAzureApiVersion,
  type GeminiProviderConfig,
  type OpenAICompatibleProviderConfig,
  type OpenAIProviderConfig,
  type ProviderConfig,
  type ProviderType,
  type VertexCredentials,
  type VertexProviderConfig,
} from './spec/provider-config.js'
export type { EmbeddingsWire, UpstreamWire } from './spec/upstream-wire.js'
export { createUsage, type Usage } from './spec/usage.js'
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
  createStreamTranslator,
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
  type StreamTranslator,
  type StreamTranslatorOptions,
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
  translateRequest,
  translateResponse,
  type WireCodec,
  wireCodecs,
} from './translate/index.js'
export type { FlatHeaders } from './utils/http-headers.js'
export {
  createOutboundPools,
  type OutboundPools,
  type OutboundPoolsOptions,
  type OutboundTimeouts,
} from './utils/outbound-pools.js'
export { providerName } from './utils/provider-name.js'
export { type SseEventHandler, SseScanner, type SseScannerOptions } from './utils/sse-scanner.js'
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
export {
  createVertexAdapter,
  isVertexClaudeModel,
  type VertexAdapterOptions,
} from './vertex/vertex-adapter.js'
