// Public API of @gw/providers.

export { createAnthropicAdapter, defaultAnthropicVersion } from './anthropic/anthropic-adapter.js'
export { mapAnthropicUsage } from './anthropic/anthropic-usage.js'
export { createAzureOpenAIAdapter } from './azure-openai/azure-openai-adapter.js'
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
export {
  type CircuitBreakerOptions,
  type CircuitBreakers,
  type CircuitEvent,
  type CircuitState,
  createCircuitBreakers,
} from './dispatch/circuit-breaker.js'
export { breakerSignal, classifyOutcome, isFallbackStatus } from './dispatch/classify-outcome.js'
export { createAdapter, createAdapterCache } from './dispatch/create-adapter.js'
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
export { createOpenAIAdapter } from './openai/openai-adapter.js'
export { mapOpenAIUsage } from './openai/openai-usage.js'
export { createOpenAICompatibleAdapter } from './openai-compatible/openai-compatible-adapter.js'
export { createRouter, type Router } from './routing/create-router.js'
export { modelFamilyOf } from './routing/model-family.js'
export { compileModelGlobs } from './routing/model-globs.js'
export type { FallbackEntry, RouteConfig, RoutePlan } from './routing/route-config.js'
export {
  type KeyRoutingFields,
  providerConfigFromSlot,
  routeConfigFromKeyConfig,
} from './routing/route-config-from-key.js'
export { type ClientApi, type ClientApiInfo, clientApis, type WireFamily } from './spec/client-api.js'
export type {
  PrepareRequestInput,
  ProviderAdapter,
  StreamObserver,
  UpstreamRequest,
} from './spec/provider-adapter.js'
export {
  type AnthropicProviderConfig,
  type ApiKeyCredentials,
  type AzureOpenAICredentials,
  type AzureOpenAIProviderConfig,
  type BedrockCredentials,
  defaultAzureApiVersion,
  type OpenAICompatibleProviderConfig,
  type OpenAIProviderConfig,
  type PendingProviderConfig,
  type ProviderConfig,
  type ProviderType,
  type VertexCredentials,
} from './spec/provider-config.js'
export { createUsage, type Usage } from './spec/usage.js'
export {
  type AppliedParameters,
  applyParameters,
  type CanonicalParam,
  type ClientWire,
  type ConditionalHandling,
  clientWires,
  createStreamTranslator,
  type DecodeContext,
  defaultAnthropicMaxTokens,
  type EncodeContext,
  encodeErrorBody,
  isClientWire,
  isReasoningModel,
  type ParameterEntry,
  type ParameterTable,
  type ParamHandling,
  type ParamRule,
  parameterTable,
  reasoningEffort,
  renderParameterTable,
  type SseEvent,
  type StreamDecoder,
  type StreamEncoder,
  type StreamEncoderOptions,
  type StreamTranslator,
  type StreamTranslatorOptions,
  type TranslatedRequest,
  type TranslateErrorOptions,
  type TranslateRequestOptions,
  type TranslateResponseOptions,
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
export { type SseEventHandler, SseScanner, type SseScannerOptions } from './utils/sse-scanner.js'
