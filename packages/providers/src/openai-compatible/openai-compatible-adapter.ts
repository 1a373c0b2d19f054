// Adapter for any server speaking the OpenAI wire (vLLM, Ollama, LiteLLM, LM Studio…).
import { GatewayError } from '@gw/contract'
import { createOpenAIFamilyAdapter } from '../openai/openai-family-adapter.js'
import { clientApis } from '../spec/client-api.js'
import type { ProviderAdapter } from '../spec/provider-adapter.js'
import type { OpenAICompatibleProviderConfig } from '../spec/provider-config.js'
import { splitBaseUrl } from '../utils/base-url.js'
import { providerName } from '../utils/provider-name.js'

/**
 * Creates the adapter of an OpenAI-compatible server. `baseUrl` is required and includes the
 * API prefix (`http://localhost:11434/v1`); the API key is optional (local servers need none).
 *
 * @example
 * createOpenAICompatibleAdapter({
 *   id: 'ollama', type: 'openai-compatible', baseUrl: 'http://localhost:11434/v1', credentials: {},
 * })
 */
export function createOpenAICompatibleAdapter(config: OpenAICompatibleProviderConfig): ProviderAdapter {
  if (config.baseUrl === undefined || config.baseUrl === '') {
    throw new GatewayError(
      'no_provider_configured',
      `Provider "${providerName(config)}" (openai-compatible) has no base URL: set base_url in its configuration`,
      { meta: { provider: providerName(config) } },
    )
  }
  const { origin, basePath } = splitBaseUrl(config.baseUrl)
  const apiKey = config.credentials.api_key
  return createOpenAIFamilyAdapter({
    config,
    origin,
    authHeaders: apiKey === undefined || apiKey === '' ? [] : ['authorization', `Bearer ${apiKey}`],
    apis: ['openai-chat', 'openai-responses', 'openai-embeddings', 'openai-models'],
    pathFor: (api, _model, query) => basePath + clientApis[api].path + query,
  })
}
