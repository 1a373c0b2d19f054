// Builds the adapter of a provider configuration, once per configuration object.
import type { Dispatcher } from 'undici'
import { createAnthropicAdapter } from '../anthropic/anthropic-adapter.js'
import { createAzureOpenAIAdapter } from '../azure-openai/azure-openai-adapter.js'
import { createBedrockAdapter } from '../bedrock/bedrock-adapter.js'
import { createGeminiAdapter } from '../gemini/gemini-adapter.js'
import { createOpenAIAdapter } from '../openai/openai-adapter.js'
import { createOpenAICompatibleAdapter } from '../openai-compatible/openai-compatible-adapter.js'
import type { AnyProviderAdapter, ProviderAdapter } from '../spec/provider-adapter.js'
import type {
  AnthropicProviderConfig,
  AzureOpenAIProviderConfig,
  OpenAICompatibleProviderConfig,
  OpenAIProviderConfig,
  ProviderConfig,
} from '../spec/provider-config.js'
import { createVertexAdapter } from '../vertex/vertex-adapter.js'

/** What adapters may need besides their configuration. */
export interface AdapterOptions {
  /** Dispatcher per origin for calls adapters make themselves (Vertex token refresh). Default: undici's global one. */
  dispatcherFor?: (origin: string) => Dispatcher
  /** Clock in ms for SigV4 dates and token expiry. Default `Date.now`. */
  now?: () => number
}

/**
 * Creates the adapter for `config`. Throws `no_provider_configured` when the configuration cannot
 * work (no base URL for a compatible server, missing cloud credentials, a malformed region or
 * service-account key); the dispatcher then skips the candidate.
 *
 * @example
 * createAdapter({ id: 'gemini', type: 'gemini', credentials: { api_key: 'AIza…' } })
 */
export function createAdapter(
  config:
    | OpenAIProviderConfig
    | AzureOpenAIProviderConfig
    | AnthropicProviderConfig
    | OpenAICompatibleProviderConfig,
  options?: AdapterOptions,
): ProviderAdapter
export function createAdapter(config: ProviderConfig, options?: AdapterOptions): AnyProviderAdapter
export function createAdapter(config: ProviderConfig, options: AdapterOptions = {}): AnyProviderAdapter {
  switch (config.type) {
    case 'openai':
      return createOpenAIAdapter(config)
    case 'azure-openai':
      return createAzureOpenAIAdapter(config)
    case 'anthropic':
      return createAnthropicAdapter(config)
    case 'openai-compatible':
      return createOpenAICompatibleAdapter(config)
    case 'gemini':
      return createGeminiAdapter(config)
    case 'bedrock':
      return createBedrockAdapter(config, options.now === undefined ? {} : { now: options.now })
    case 'vertex':
      return createVertexAdapter(config, options)
  }
}

/**
 * Memoises {@link createAdapter} per configuration object (a WeakMap, so configurations
 * replaced on a config refresh are collected with their adapters, and a cloud credential keeps
 * one SigV4 signer or one token cache for as long as its configuration lives).
 */
export function createAdapterCache(
  options: AdapterOptions = {},
): (config: ProviderConfig) => AnyProviderAdapter {
  const adapters = new WeakMap<ProviderConfig, AnyProviderAdapter>()
  return (config) => {
    let adapter = adapters.get(config)
    if (adapter === undefined) {
      adapter = createAdapter(config, options)
      adapters.set(config, adapter)
    }
    return adapter
  }
}
