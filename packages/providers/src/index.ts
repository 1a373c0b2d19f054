// Public API of @gw/providers: one client in front of every provider, with routing, fallback,
// breakers, translation and a catalogue. Building blocks live under `@gw/providers/internal`.

export { createAnthropicAdapter } from './anthropic/anthropic-adapter.js'
export { createAzureOpenAIAdapter } from './azure-openai/azure-openai-adapter.js'
export { type BedrockAdapterOptions, createBedrockAdapter } from './bedrock/bedrock-adapter.js'
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
export {
  type AdapterCacheOptions,
  type AdapterOptions,
  createAdapter,
  createAdapterCache,
} from './dispatch/create-adapter.js'
export type { AttemptRecord, Candidate, ForwardResult, ResponseSink } from './dispatch/dispatch-types.js'
export { createGeminiAdapter } from './gemini/gemini-adapter.js'
export { createOpenAIAdapter } from './openai/openai-adapter.js'
export { createOpenAICompatibleAdapter } from './openai-compatible/openai-compatible-adapter.js'
export { createRouter, type Router, type RouterModel } from './routing/create-router.js'
export { modelFamilyOf } from './routing/model-family.js'
export type { FallbackEntry, RouteConfig, RoutePlan } from './routing/route-config.js'
export {
  type KeyRoutingFields,
  providerConfigFromSlot,
  routeConfigFromKeyConfig,
} from './routing/route-config-from-key.js'
export { routerForKeyConfig } from './routing/router-for-key-config.js'
export { type ClientApi, type ClientApiInfo, clientApis, type WireFamily } from './spec/client-api.js'
export type { AnyProviderAdapter, ProviderAdapter } from './spec/provider-adapter.js'
export type {
  AnthropicProviderConfig,
  ApiKeyCredentials,
  AzureOpenAICredentials,
  AzureOpenAIProviderConfig,
  BedrockCredentials,
  BedrockProviderConfig,
  GeminiProviderConfig,
  OpenAICompatibleProviderConfig,
  OpenAIProviderConfig,
  ProviderConfig,
  ProviderType,
  VertexCredentials,
  VertexProviderConfig,
} from './spec/provider-config.js'
export type { Usage } from './spec/usage.js'
export {
  createStreamTranslator,
  type StreamTranslator,
  type StreamTranslatorOptions,
  translateRequest,
  translateResponse,
} from './translate/index.js'
export {
  type ScannedLayout,
  type ScannedRequest,
  scannedFromParsed,
  scanRequest,
  type ToolPolicySpan,
  toolPolicyFields,
} from './validate/scan-request.js'
export { createVertexAdapter, type VertexAdapterOptions } from './vertex/vertex-adapter.js'
