// Readies one candidate: same-shape passthrough when the provider speaks the client's API, else translation.
import type { IncomingHttpHeaders } from 'node:http'
import { GatewayError, isGatewayError } from '@gw/contract'
import type { ClientApi } from '../spec/client-api.js'
import type {
  AnyProviderAdapter,
  CloudProviderAdapter,
  ProviderAdapter,
  UpstreamRequest,
} from '../spec/provider-adapter.js'
import type { ProviderConfig } from '../spec/provider-config.js'
import type { EmbeddingsWire, UpstreamWire } from '../spec/upstream-wire.js'
import { translateRequest } from '../translate/translate-request.js'
import { type ClientWire, isClientWire } from '../translate/wire.js'
import { providerName } from '../utils/provider-name.js'
import type { ScannedRequest } from '../validate/scan-request.js'
import type { CountTokensJob } from './count-tokens-attempt.js'
import { encodeCountTokensBody } from './count-tokens-wires.js'
import type { Candidate } from './dispatch-types.js'
import { encodeEmbeddingsBatches } from './embeddings-wires.js'
import { prepareBody } from './prepare-body.js'
import type { UpstreamBody } from './upstream-body.js'
import { upstreamWireProfiles } from './upstream-wires.js'
import type { PreparedAttempt } from './walk-candidates.js'

/** The request-wide facts every candidate is prepared from. */
export interface AttemptSource {
  api: ClientApi
  raw: Buffer | undefined
  /** The top-level facts of `raw` (the passthrough path reads only these). */
  scanned: ScannedRequest
  /** The shared lazy parse: translation and other bodies that need it call it. */
  parse: () => Record<string, unknown>
  query: string
  headers: IncomingHttpHeaders | undefined
  adapterFor: (config: ProviderConfig) => AnyProviderAdapter
}

/** How a translated attempt reads and writes: the client's wire, the provider's, what was dropped. */
export interface Translation {
  clientWire: ClientWire
  upstreamWire: UpstreamWire
  droppedParams: string[]
  /** OpenAI Chat clients: whether they asked for the usage chunk. */
  includeUsage: boolean
}

/** Embeddings for a provider without OpenAI's endpoint: the batch bodies, sent in order. */
export interface EmbeddingsJob {
  wire: EmbeddingsWire
  batches: Buffer[]
  /** The provider's model id. */
  model: string
}

/** A candidate ready to call: passthrough, translated, or an embeddings job. */
export type ReadyAttempt =
  | {
      kind: 'passthrough'
      adapter: ProviderAdapter
      upstream: UpstreamRequest
      body: UpstreamBody | undefined
      stripUsageChunk: boolean
    }
  | {
      kind: 'translated'
      adapter: AnyProviderAdapter
      upstream: UpstreamRequest
      body: Buffer
      translation: Translation
    }
  | { kind: 'embeddings'; adapter: CloudProviderAdapter; upstream: UpstreamRequest; job: EmbeddingsJob }
  | {
      kind: 'count-tokens'
      adapter: AnyProviderAdapter
      /** Absent for a local count. */
      upstream: UpstreamRequest | undefined
      body: Buffer | undefined
      job: CountTokensJob
    }

/** Wires tried, in order, when the provider does not speak the client's: chat is the most widely served. */
const upstreamWirePreference: readonly ClientWire[] = [
  'openai-chat',
  'anthropic-messages',
  'openai-responses',
]

function unusable(provider: ProviderConfig, api: ClientApi): PreparedAttempt<ReadyAttempt> {
  const message = `Provider "${providerName(provider)}" (${provider.type}) cannot serve ${api} requests`
  return {
    unusable: new GatewayError('not_implemented', message, { meta: { provider: providerName(provider) } }),
  }
}

// Pure translation steps throw GatewayErrors (unsupported parameters, bad input): the candidate is unusable.
function attempt(build: () => PreparedAttempt<ReadyAttempt>): PreparedAttempt<ReadyAttempt> {
  try {
    return build()
  } catch (error) {
    if (isGatewayError(error)) return { unusable: error }
    throw error
  }
}

function includeUsageOf(parsed: Record<string, unknown>): boolean {
  const streamOptions = parsed.stream_options as { include_usage?: unknown } | undefined
  return streamOptions?.include_usage === true
}

/**
 * Prepares `candidate`: the adapter (cached), the upstream request and body. A provider that
 * does not speak the client's API gets the request translated to a wire it does speak (cloud
 * providers plan theirs per model); APIs without a translation make the candidate unusable.
 */
export function prepareAttempt(source: AttemptSource, candidate: Candidate): PreparedAttempt<ReadyAttempt> {
  const api = source.api
  let adapter: AnyProviderAdapter
  try {
    adapter = source.adapterFor(candidate.provider)
  } catch (error) {
    if (isGatewayError(error)) return { unusable: error }
    throw error
  }
  if ('planUpstream' in adapter) return prepareCloudAttempt(source, candidate, adapter)
  const model = candidate.model
  if (adapter.serves(api)) {
    const prepared = prepareBody(api, source.raw, source.scanned, adapter, model, source.parse)
    const upstream = adapter.prepareRequest({
      api,
      model,
      query: source.query,
      clientHeaders: source.headers,
    })
    return { ready: { kind: 'passthrough', adapter, upstream, ...prepared } }
  }
  if (api === 'anthropic-count-tokens') {
    // OpenAI-wire providers have no count endpoint: count with the model's own encoding.
    const job: CountTokensJob = { via: 'local', model }
    return { ready: { kind: 'count-tokens', adapter, upstream: undefined, body: undefined, job } }
  }
  return prepareTranslatedAttempt(source, candidate, adapter)
}

/**
 * A same-shape adapter's candidate for an API it does not serve: the request is translated to the
 * first client wire it speaks. Kept apart from {@link prepareAttempt} so the passthrough path
 * allocates no closure context.
 */
function prepareTranslatedAttempt(
  source: AttemptSource,
  candidate: Candidate,
  adapter: ProviderAdapter,
): PreparedAttempt<ReadyAttempt> {
  const api = source.api
  const model = candidate.model
  const upstreamWire = upstreamWirePreference.find((wire) => adapter.serves(wire))
  if (!isClientWire(api) || upstreamWire === undefined) return unusable(candidate.provider, api)
  return attempt(() => {
    const parsed = source.parse()
    const bodyModel = adapter.bodyModel(upstreamWire, model) ?? model
    const translated = translateRequest({ from: api, to: upstreamWire, body: parsed, model: bodyModel })
    return {
      ready: {
        kind: 'translated',
        adapter,
        // The client's query string belongs to the client's API, not to the translated one.
        upstream: adapter.prepareRequest({
          api: upstreamWire,
          model,
          query: '',
          clientHeaders: source.headers,
        }),
        body: Buffer.from(JSON.stringify(translated.body)),
        translation: {
          clientWire: api,
          upstreamWire,
          droppedParams: translated.droppedParams,
          includeUsage: includeUsageOf(parsed),
        },
      },
    }
  })
}

/**
 * A cloud provider's candidate: the adapter plans the wire for the API and model; the body is
 * translated to that wire's codec (or kept, when the client already speaks it) and finished for
 * the endpoint (Anthropic bodies on Bedrock and Vertex lose `model` and gain `anthropic_version`).
 */
function prepareCloudAttempt(
  source: AttemptSource,
  candidate: Candidate,
  adapter: CloudProviderAdapter,
): PreparedAttempt<ReadyAttempt> {
  const api = source.api
  const plan = adapter.planUpstream({
    api,
    model: candidate.model,
    stream: source.scanned.stream,
    clientHeaders: source.headers,
  })
  if (plan === undefined) return unusable(candidate.provider, api)
  if (plan.kind === 'embeddings') {
    return attempt(() => {
      const batches = encodeEmbeddingsBatches(plan.wire, source.parse(), plan.bodyModel)
      const job = { wire: plan.wire, batches, model: plan.bodyModel }
      return { ready: { kind: 'embeddings', adapter, upstream: plan.request, job } }
    })
  }
  if (plan.kind === 'count-tokens') {
    return attempt(() => {
      const encoded = encodeCountTokensBody(plan.wire, source.parse(), plan.bodyModel)
      const body = Buffer.from(JSON.stringify(encoded))
      const job: CountTokensJob = { via: 'upstream', wire: plan.wire }
      return { ready: { kind: 'count-tokens', adapter, upstream: plan.request, body, job } }
    })
  }
  if (!isClientWire(api)) return unusable(candidate.provider, api)
  const profile = upstreamWireProfiles[plan.wire]
  return attempt(() => {
    const parsed = source.parse()
    const translated = translateRequest({ from: api, to: profile.codec, body: parsed, model: plan.bodyModel })
    const body = translated.body as Record<string, unknown>
    const finished = profile.finishBody?.(body, source.headers) ?? body
    return {
      ready: {
        kind: 'translated',
        adapter,
        upstream: plan.request,
        body: Buffer.from(JSON.stringify(finished)),
        translation: {
          clientWire: api,
          upstreamWire: plan.wire,
          droppedParams: translated.droppedParams,
          includeUsage: includeUsageOf(parsed),
        },
      },
    }
  })
}
