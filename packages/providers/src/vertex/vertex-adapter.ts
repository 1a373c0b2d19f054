// The Vertex AI adapter: Gemini models through publishers/google, Claude through publishers/anthropic, OAuth per call.
import type { Dispatcher } from 'undici'
import type { CloudProviderAdapter } from '../spec/provider-adapter.js'
import type { VertexProviderConfig } from '../spec/provider-config.js'
import { isClientWire } from '../translate/wire.js'
import { splitBaseUrl } from '../utils/base-url.js'
import { pickForwardedHeaders } from '../utils/http-headers.js'
import { providerConfigError } from '../utils/provider-config-error.js'
import { type VertexMethod, vertexModelPath, vertexOrigin } from './endpoint.js'
import { parseGoogleCredentials } from './service-account.js'
import { createVertexTokenSource } from './token-source.js'

/** Options of {@link createVertexAdapter}. */
export interface VertexAdapterOptions {
  /** The dispatcher for the token endpoint's origin. Default undici's global dispatcher. */
  dispatcherFor?: (origin: string) => Dispatcher
  /** Clock in ms for token assertions and expiry. Default `Date.now`. */
  now?: () => number
}

/** Vertex forwards Anthropic beta flags given as a header, like Anthropic's own API. */
const anthropicForwardedHeaders = ['anthropic-beta']

/**
 * Whether a Vertex model id is a Claude model (served by `publishers/anthropic` raw predict).
 *
 * @example
 * isVertexClaudeModel('claude-sonnet-4-5@20250929') // true
 */
export function isVertexClaudeModel(model: string): boolean {
  return model.startsWith('claude-')
}

function methodFor(claude: boolean, stream: boolean): VertexMethod {
  if (claude) return stream ? 'streamRawPredict' : 'rawPredict'
  return stream ? 'streamGenerateContent' : 'generateContent'
}

/**
 * Creates the adapter of one service account. Claude models (`claude-…@version`) take Anthropic
 * bodies on `:rawPredict` / `:streamRawPredict` (Anthropic Messages clients are rewrapped, others
 * translated); every other model is a Gemini model on `:generateContent` /
 * `:streamGenerateContent?alt=sse`. One token source per credential caches the OAuth token; a
 * 401 drops it and the call is retried once with a fresh one. `baseUrl` replaces
 * `https://<region>-aiplatform.googleapis.com`.
 *
 * @example
 * const adapter = createVertexAdapter({
 *   id: 'gcp', type: 'vertex',
 *   credentials: { project_id: 'my-project', region: 'us-east5', auth_credentials: serviceAccountJson },
 * })
 */
export function createVertexAdapter(
  config: VertexProviderConfig,
  options: VertexAdapterOptions = {},
): CloudProviderAdapter {
  const { project_id: project, region, auth_credentials: credentials } = config.credentials
  if (!project) throw providerConfigError(config, 'has no project: set credentials.project_id')
  let origin: string
  let basePath: string
  let tokenUri: string
  try {
    if (!region) throw new TypeError('no region is set (e.g. us-central1 or global)')
    ;({ origin, basePath } = splitBaseUrl(vertexOrigin(region, config.baseUrl)))
    tokenUri = parseGoogleCredentials(credentials).tokenUri
  } catch (error) {
    throw providerConfigError(config, `is misconfigured: ${(error as Error).message}`, error)
  }
  const tokens = createVertexTokenSource({
    credentials,
    ...(options.dispatcherFor === undefined
      ? {}
      : { dispatcher: options.dispatcherFor(new URL(tokenUri).origin) }),
    ...(options.now === undefined ? {} : { now: options.now }),
  })

  return {
    config,
    planUpstream({ api, model, stream, clientHeaders }) {
      const bodyModel = config.deploymentMap?.[model] ?? model
      const claude = isVertexClaudeModel(bodyModel)
      if (api === 'openai-embeddings') {
        if (claude) return undefined
        const path = vertexModelPath({
          project,
          region,
          publisher: 'google',
          model: bodyModel,
          method: 'predict',
        })
        const request = {
          origin,
          method: 'POST' as const,
          path: basePath + path,
          headers: ['content-type', 'application/json'],
        }
        return { kind: 'embeddings', wire: 'vertex-predict-embed', request, bodyModel }
      }
      if (api === 'anthropic-count-tokens') {
        // Claude counts on one shared `count-tokens` model (the model id goes in the body).
        const path = vertexModelPath({
          project,
          region,
          publisher: claude ? 'anthropic' : 'google',
          model: claude ? 'count-tokens' : bodyModel,
          method: claude ? 'rawPredict' : 'countTokens',
        })
        return {
          kind: 'count-tokens',
          wire: claude ? 'vertex-anthropic-count-tokens' : 'vertex-gemini-count-tokens',
          request: {
            origin,
            method: 'POST',
            path: basePath + path,
            headers: ['content-type', 'application/json'],
          },
          bodyModel,
        }
      }
      if (!isClientWire(api)) return undefined
      const path = vertexModelPath({
        project,
        region,
        publisher: claude ? 'anthropic' : 'google',
        model: bodyModel,
        method: methodFor(claude, stream),
      })
      const headers = ['content-type', 'application/json']
      if (claude) pickForwardedHeaders(clientHeaders, anthropicForwardedHeaders, headers)
      return {
        kind: 'generate',
        wire: claude ? 'vertex-anthropic' : 'vertex-gemini',
        request: { origin, method: 'POST', path: basePath + path, headers },
        bodyModel,
      }
    },
    async authorize(request) {
      return [...request.headers, 'authorization', `Bearer ${await tokens.getToken()}`]
    },
    invalidateAuth() {
      tokens.invalidate()
      return true
    },
  }
}
