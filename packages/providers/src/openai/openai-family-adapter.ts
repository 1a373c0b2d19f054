// Shared builder of OpenAI-wire adapters (OpenAI, Azure OpenAI, OpenAI-compatible servers).
import { type ClientApi, clientApis } from '../spec/client-api.js'
import type { ProviderAdapter, UpstreamRequest } from '../spec/provider-adapter.js'
import type { ProviderConfig } from '../spec/provider-config.js'
import { pickForwardedHeaders } from '../utils/http-headers.js'
import { createOpenAIStreamObserver } from './openai-stream-observer.js'
import { mapOpenAIUsage } from './openai-usage.js'

/** Client headers OpenAI-wire upstreams receive; auth and hop-by-hop headers never do. */
export const openAIForwardedHeaders = ['accept', 'user-agent', 'openai-beta', 'idempotency-key']

/** What differs between OpenAI-wire providers. */
export interface OpenAIFamilyOptions {
  config: ProviderConfig
  origin: string
  /** Flat auth header pair(s), built once: `['authorization', 'Bearer …']` or `['api-key', …]`. */
  authHeaders: readonly string[]
  apis: readonly ClientApi[]
  /** Path and query of the upstream request. */
  pathFor(api: ClientApi, model: string, query: string): string
  /** The body `model` for `model`; defaults to the model itself. */
  bodyModel?(api: ClientApi, model: string): string
}

/**
 * Builds an OpenAI-wire {@link ProviderAdapter}: usage from `usage` objects and stream chunks,
 * `stream_options.include_usage` injection on chat streams.
 */
export function createOpenAIFamilyAdapter(options: OpenAIFamilyOptions): ProviderAdapter {
  const served = new Set(options.apis)
  const jsonHeaders = ['content-type', 'application/json', ...options.authHeaders]
  const getHeaders = [...options.authHeaders]
  return {
    config: options.config,
    injectsStreamUsage: true,
    serves: (api) => served.has(api),
    bodyModel: (api, model) => options.bodyModel?.(api, model) ?? model,
    prepareRequest({ api, model, query, clientHeaders }): UpstreamRequest {
      const method = clientApis[api].method
      const headers = (method === 'GET' ? getHeaders : jsonHeaders).slice()
      return {
        origin: options.origin,
        method,
        path: options.pathFor(api, model, query),
        headers: pickForwardedHeaders(clientHeaders, openAIForwardedHeaders, headers),
      }
    },
    readUsage: (_api, usage) => mapOpenAIUsage(usage),
    createStreamObserver: createOpenAIStreamObserver,
  }
}
