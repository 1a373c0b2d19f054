// The Bedrock adapter: Converse for every client API, InvokeModel for Anthropic clients on Claude, SigV4 per call.
import type { CloudProviderAdapter, UpstreamRequest } from '../spec/provider-adapter.js'
import type { BedrockProviderConfig } from '../spec/provider-config.js'
import { bedrockEmbeddingFamily } from '../translate/bedrock-converse/embeddings.js'
import { isClientWire } from '../translate/wire.js'
import { splitBaseUrl } from '../utils/base-url.js'
import { providerConfigError } from '../utils/provider-config-error.js'
import { type BedrockOperation, bedrockModelPath, bedrockRuntimeOrigin } from './endpoint.js'
import { isBedrockAnthropicModel } from './model-ids.js'
import { createBedrockSigner } from './sign-request.js'

/** Options of {@link createBedrockAdapter}. */
export interface BedrockAdapterOptions {
  /** Clock in ms for signature dates. Default `Date.now`. */
  now?: () => number
}

const eventStream = 'application/vnd.amazon.eventstream'

/**
 * Creates the adapter of one AWS credential. Anthropic Messages clients on an Anthropic model
 * (`anthropic.…`, `us.anthropic.…`, an ARN) get InvokeModel / InvokeModelWithResponseStream with
 * their own body rewrapped; every other chat request is translated to Converse / ConverseStream;
 * OpenAI embeddings go to InvokeModel with Titan or Cohere bodies. One SigV4 signer per credential
 * signs each call (its signing key is derived once a day). `baseUrl` replaces
 * `https://bedrock-runtime.<region>.amazonaws.com`; `deploymentMap` maps client model names to
 * Bedrock model or inference-profile ids.
 *
 * @example
 * const adapter = createBedrockAdapter({
 *   id: 'aws', type: 'bedrock',
 *   credentials: { access_key: 'AKIA…', secret_key: '…', region: 'us-east-1' },
 * })
 */
export function createBedrockAdapter(
  config: BedrockProviderConfig,
  options: BedrockAdapterOptions = {},
): CloudProviderAdapter {
  const { access_key, secret_key, session_token, region } = config.credentials
  if (!access_key || !secret_key) {
    throw providerConfigError(config, 'lacks AWS credentials: set credentials.access_key and secret_key')
  }
  let runtimeOrigin: string
  try {
    if (!region) throw new TypeError('no region is set (e.g. us-east-1)')
    runtimeOrigin = bedrockRuntimeOrigin(region, config.baseUrl)
  } catch (error) {
    throw providerConfigError(config, `has an unusable region: ${(error as Error).message}`, error)
  }
  const { origin, basePath } = splitBaseUrl(runtimeOrigin)
  const signer = createBedrockSigner({
    region,
    credentials: {
      accessKeyId: access_key,
      secretAccessKey: secret_key,
      ...(session_token ? { sessionToken: session_token } : {}),
    },
    ...(options.now === undefined ? {} : { now: options.now }),
  })
  const requestTo = (modelId: string, operation: BedrockOperation, accept: string): UpstreamRequest => ({
    origin,
    method: 'POST',
    path: basePath + bedrockModelPath(modelId, operation),
    headers: ['content-type', 'application/json', 'accept', accept],
  })

  return {
    config,
    planUpstream({ api, model, stream }) {
      const bodyModel = config.deploymentMap?.[model] ?? model
      if (api === 'openai-embeddings') {
        if (bedrockEmbeddingFamily(bodyModel) === undefined) return undefined
        const request = requestTo(bodyModel, 'invoke', 'application/json')
        return { kind: 'embeddings', wire: 'bedrock-invoke-embed', request, bodyModel }
      }
      if (api === 'anthropic-count-tokens') {
        const request = requestTo(bodyModel, 'count-tokens', 'application/json')
        return { kind: 'count-tokens', wire: 'bedrock-count-tokens', request, bodyModel }
      }
      if (!isClientWire(api)) return undefined
      const accept = stream ? eventStream : 'application/json'
      if (api === 'anthropic-messages' && isBedrockAnthropicModel(bodyModel)) {
        const operation = stream ? 'invoke-with-response-stream' : 'invoke'
        const request = requestTo(bodyModel, operation, accept)
        return { kind: 'generate', wire: 'bedrock-invoke-anthropic', request, bodyModel }
      }
      const request = requestTo(bodyModel, stream ? 'converse-stream' : 'converse', accept)
      return { kind: 'generate', wire: 'bedrock-converse', request, bodyModel }
    },
    async authorize(request, body) {
      const headers: Record<string, string> = {}
      for (let index = 0; index < request.headers.length; index += 2) {
        headers[request.headers[index] as string] = request.headers[index + 1] as string
      }
      const signed = await signer.sign({
        method: request.method,
        url: request.origin + request.path,
        headers,
        ...(body === undefined ? {} : { body }),
      })
      return Object.entries(signed).flat()
    },
  }
}
