// The Azure OpenAI adapter: `api-key` auth, deployment paths and the `api-version` query parameter.
import { createOpenAIFamilyAdapter } from '../openai/openai-family-adapter.js'
import type { ClientApi } from '../spec/client-api.js'
import type { ProviderAdapter } from '../spec/provider-adapter.js'
import { type AzureOpenAIProviderConfig, defaultAzureApiVersion } from '../spec/provider-config.js'
import { splitBaseUrl } from '../utils/base-url.js'

const deploymentPaths: Partial<Record<ClientApi, string>> = {
  'openai-chat': '/chat/completions',
  'openai-embeddings': '/embeddings',
}

/**
 * Creates the adapter of one Azure OpenAI resource. Chat and embeddings go to
 * `/openai/deployments/<deployment>/…`; the Responses API to `/openai/responses` with the
 * deployment as body `model`. The deployment is `deploymentMap[model]`, else the model name.
 * The client's query parameters follow `api-version`.
 *
 * @example
 * createAzureOpenAIAdapter({
 *   id: 'azure-eu', type: 'azure-openai', deploymentMap: { 'gpt-4o': 'prod-4o' },
 *   credentials: { api_key: '…', endpoint: 'https://acme.openai.azure.com', api_version: '2024-10-21' },
 * })
 */
export function createAzureOpenAIAdapter(config: AzureOpenAIProviderConfig): ProviderAdapter {
  const { origin, basePath } = splitBaseUrl(config.baseUrl ?? config.credentials.endpoint)
  const versionQuery = `?api-version=${encodeURIComponent(config.credentials.api_version ?? defaultAzureApiVersion)}`
  const deploymentOf = (model: string) => config.deploymentMap?.[model] ?? model
  const withClientQuery = (query: string) =>
    query === '' ? versionQuery : `${versionQuery}&${query.slice(1)}`
  return createOpenAIFamilyAdapter({
    config,
    origin,
    authHeaders: ['api-key', config.credentials.api_key],
    apis: ['openai-chat', 'openai-embeddings', 'openai-responses'],
    pathFor(api, model, query) {
      const suffix = deploymentPaths[api]
      if (suffix === undefined) return `${basePath}/openai/responses${withClientQuery(query)}`
      const deployment = encodeURIComponent(deploymentOf(model))
      return `${basePath}/openai/deployments/${deployment}${suffix}${withClientQuery(query)}`
    },
    bodyModel: (api, model) => (api === 'openai-responses' ? deploymentOf(model) : model),
  })
}
