// The Anthropic adapter: x-api-key auth, anthropic-version (client's or default) and beta headers.

import { type ClientApi, clientApis } from '../spec/client-api.js'
import type { ProviderAdapter, UpstreamRequest } from '../spec/provider-adapter.js'
import type { AnthropicProviderConfig } from '../spec/provider-config.js'
import { splitBaseUrl } from '../utils/base-url.js'
import { pickForwardedHeaders } from '../utils/http-headers.js'
import { createAnthropicStreamObserver } from './anthropic-stream-observer.js'
import { mapAnthropicUsage } from './anthropic-usage.js'

/** Anthropic's API origin; `baseUrl` overrides it and, like the Anthropic SDK's, excludes `/v1`. */
export const anthropicDefaultBaseUrl = 'https://api.anthropic.com'

/** `anthropic-version` sent when the client sends none. */
export const defaultAnthropicVersion = '2023-06-01'

/** Client headers Anthropic receives besides `anthropic-version`; never auth or hop-by-hop. */
export const anthropicForwardedHeaders = ['accept', 'user-agent', 'anthropic-beta']

const servedApis: ReadonlySet<ClientApi> = new Set(['anthropic-messages', 'anthropic-count-tokens'])

/**
 * Creates the adapter of one Anthropic credential.
 *
 * @example
 * const adapter = createAnthropicAdapter({ id: 'anthropic', type: 'anthropic', credentials: { api_key: 'sk-ant-…' } })
 * adapter.prepareRequest({ api: 'anthropic-messages', model: 'claude-sonnet-4-5', query: '?beta=true', clientHeaders: {} })
 * // → { origin: 'https://api.anthropic.com', path: '/v1/messages?beta=true', … }
 */
export function createAnthropicAdapter(config: AnthropicProviderConfig): ProviderAdapter {
  const { origin, basePath } = splitBaseUrl(config.baseUrl ?? anthropicDefaultBaseUrl)
  const staticHeaders = ['content-type', 'application/json', 'x-api-key', config.credentials.api_key]
  return {
    config,
    injectsStreamUsage: false,
    serves: (api) => servedApis.has(api),
    bodyModel: (_api, model) => model,
    prepareRequest({ api, query, clientHeaders }): UpstreamRequest {
      const headers = staticHeaders.slice()
      const version = clientHeaders?.['anthropic-version']
      headers.push('anthropic-version', typeof version === 'string' ? version : defaultAnthropicVersion)
      return {
        origin,
        method: clientApis[api].method,
        path: basePath + clientApis[api].path + query,
        headers: pickForwardedHeaders(clientHeaders, anthropicForwardedHeaders, headers),
      }
    },
    readUsage: (_api, usage) => mapAnthropicUsage(usage),
    createStreamObserver: createAnthropicStreamObserver,
  }
}
