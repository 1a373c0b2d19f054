// Builds the adapter of a provider configuration, once per configuration object.
import { GatewayError } from '@gw/contract'
import { createAnthropicAdapter } from '../anthropic/anthropic-adapter.js'
import { createAzureOpenAIAdapter } from '../azure-openai/azure-openai-adapter.js'
import { createOpenAIAdapter } from '../openai/openai-adapter.js'
import { createOpenAICompatibleAdapter } from '../openai-compatible/openai-compatible-adapter.js'
import type { ProviderAdapter } from '../spec/provider-adapter.js'
import type { ProviderConfig } from '../spec/provider-config.js'

/**
 * Creates the adapter for `config`. Gemini, Bedrock and Vertex are valid configuration types
 * whose adapters are not implemented yet: they throw `not_implemented`.
 *
 * @example
 * createAdapter({ id: 'openai', type: 'openai', credentials: { api_key: 'sk-…' } }).serves('openai-chat') // → true
 */
export function createAdapter(config: ProviderConfig): ProviderAdapter {
  switch (config.type) {
    case 'openai':
      return createOpenAIAdapter(config)
    case 'azure-openai':
      return createAzureOpenAIAdapter(config)
    case 'anthropic':
      return createAnthropicAdapter(config)
    case 'openai-compatible':
      return createOpenAICompatibleAdapter(config)
    default:
      throw new GatewayError(
        'not_implemented',
        `Provider "${config.id}" has type "${config.type}", whose adapter is not implemented yet: ` +
          'route this model to an openai, azure-openai, anthropic or openai-compatible provider',
        { meta: { provider: config.id, type: config.type } },
      )
  }
}

/**
 * Memoises {@link createAdapter} per configuration object (a WeakMap, so configurations
 * replaced on a config refresh are collected with their adapters).
 */
export function createAdapterCache(): (config: ProviderConfig) => ProviderAdapter {
  const adapters = new WeakMap<ProviderConfig, ProviderAdapter>()
  return (config) => {
    let adapter = adapters.get(config)
    if (adapter === undefined) {
      adapter = createAdapter(config)
      adapters.set(config, adapter)
    }
    return adapter
  }
}
