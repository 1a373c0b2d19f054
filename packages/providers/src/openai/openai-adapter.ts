// The OpenAI adapter: Bearer auth against api.openai.com/v1 (or the configured base URL).
import { clientApis } from '../spec/client-api.js'
import type { ProviderAdapter } from '../spec/provider-adapter.js'
import type { OpenAIProviderConfig } from '../spec/provider-config.js'
import { splitBaseUrl } from '../utils/base-url.js'
import { createOpenAIFamilyAdapter } from './openai-family-adapter.js'

/** OpenAI's public API base; `baseUrl` overrides it and includes `/v1` like the OpenAI SDK's. */
export const openAIDefaultBaseUrl = 'https://api.openai.com/v1'

/**
 * Creates the adapter of one OpenAI credential.
 *
 * @example
 * const adapter = createOpenAIAdapter({ id: 'openai', type: 'openai', credentials: { api_key: 'sk-…' } })
 * adapter.prepareRequest({ api: 'openai-chat', model: 'gpt-4o', query: '', clientHeaders: undefined })
 * // → { origin: 'https://api.openai.com', path: '/v1/chat/completions', … }
 */
export function createOpenAIAdapter(config: OpenAIProviderConfig): ProviderAdapter {
  const { origin, basePath } = splitBaseUrl(config.baseUrl ?? openAIDefaultBaseUrl)
  return createOpenAIFamilyAdapter({
    config,
    origin,
    authHeaders: ['authorization', `Bearer ${config.credentials.api_key}`],
    apis: ['openai-chat', 'openai-responses', 'openai-embeddings', 'openai-models'],
    pathFor: (api, _model, query) => basePath + clientApis[api].path + query,
  })
}
