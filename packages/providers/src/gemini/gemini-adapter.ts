// The Gemini API adapter: every client API translated to generateContent, embeddings to batchEmbedContents.
import type { CloudProviderAdapter, UpstreamRequest } from '../spec/provider-adapter.js'
import type { GeminiProviderConfig } from '../spec/provider-config.js'
import { isClientWire } from '../translate/wire.js'
import { splitBaseUrl } from '../utils/base-url.js'
import { providerConfigError } from '../utils/provider-config-error.js'
import { geminiAuthHeaders, geminiModelPath, geminiOrigin } from './endpoint.js'

/**
 * Creates the adapter of one Gemini API key. Chat, Responses and Messages requests are translated
 * to `:generateContent` (`:streamGenerateContent?alt=sse` for streams); OpenAI embeddings go to
 * `:batchEmbedContents`. The key travels in `x-goog-api-key`, never in the URL. `baseUrl`
 * replaces Google's origin (and may carry a path prefix); `deploymentMap` renames models.
 *
 * @example
 * const adapter = createGeminiAdapter({ id: 'gemini', type: 'gemini', credentials: { api_key: 'AIza…' } })
 * adapter.planUpstream({ api: 'openai-chat', model: 'gemini-2.5-flash', stream: true, clientHeaders: undefined })
 * // → { kind: 'generate', wire: 'gemini-generate', request: { path: '/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse', … } }
 */
export function createGeminiAdapter(config: GeminiProviderConfig): CloudProviderAdapter {
  const apiKey = config.credentials.api_key
  if (apiKey === undefined || apiKey === '') {
    throw providerConfigError(config, 'has no API key: set credentials.api_key')
  }
  const { origin, basePath } = splitBaseUrl(geminiOrigin(config.baseUrl))
  const headers = ['content-type', 'application/json', ...Object.entries(geminiAuthHeaders(apiKey)).flat()]
  const requestTo = (path: string): UpstreamRequest => ({
    origin,
    method: 'POST',
    path: basePath + path,
    headers: headers.slice(),
  })
  return {
    config,
    planUpstream({ api, model, stream }) {
      const bodyModel = config.deploymentMap?.[model] ?? model
      if (api === 'openai-embeddings') {
        const request = requestTo(geminiModelPath(bodyModel, 'batchEmbedContents'))
        return { kind: 'embeddings', wire: 'gemini-batch-embed', request, bodyModel }
      }
      if (api === 'anthropic-count-tokens') {
        const request = requestTo(geminiModelPath(bodyModel, 'countTokens'))
        return { kind: 'count-tokens', wire: 'gemini-count-tokens', request, bodyModel }
      }
      if (!isClientWire(api)) return undefined
      const method = stream ? 'streamGenerateContent' : 'generateContent'
      return {
        kind: 'generate',
        wire: 'gemini-generate',
        request: requestTo(geminiModelPath(bodyModel, method)),
        bodyModel,
      }
    },
  }
}
