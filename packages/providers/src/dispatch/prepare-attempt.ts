// Readies one candidate: same-shape passthrough when the provider speaks the client's API, else translation.
import type { IncomingHttpHeaders } from 'node:http'
import { GatewayError, isGatewayError } from '@gw/contract'
import type { ClientApi } from '../spec/client-api.js'
import type { ProviderAdapter, UpstreamRequest } from '../spec/provider-adapter.js'
import type { ProviderConfig } from '../spec/provider-config.js'
import { translateRequest } from '../translate/translate-request.js'
import { type ClientWire, isClientWire } from '../translate/wire.js'
import type { Candidate } from './dispatch-types.js'
import { prepareBody } from './prepare-body.js'
import type { PreparedAttempt } from './walk-candidates.js'

/** The request-wide facts every candidate is prepared from. */
export interface AttemptSource {
  api: ClientApi
  raw: Buffer | undefined
  parsed: Record<string, unknown>
  query: string
  headers: IncomingHttpHeaders | undefined
  adapterFor: (config: ProviderConfig) => ProviderAdapter
}

/** A candidate ready to call. `translation` is set when the provider gets another wire. */
export interface ReadyAttempt {
  adapter: ProviderAdapter
  upstream: UpstreamRequest
  body: Buffer | undefined
  stripUsageChunk: boolean
  translation:
    | { clientWire: ClientWire; upstreamWire: ClientWire; droppedParams: string[]; includeUsage: boolean }
    | undefined
}

/** Wires tried, in order, when the provider does not speak the client's: chat is the most widely served. */
const upstreamWirePreference: readonly ClientWire[] = [
  'openai-chat',
  'anthropic-messages',
  'openai-responses',
]

function unusable(provider: ProviderConfig, api: ClientApi): PreparedAttempt<ReadyAttempt> {
  const message = `Provider "${provider.id}" (${provider.type}) cannot serve ${api} requests`
  return { unusable: new GatewayError('not_implemented', message, { meta: { provider: provider.id } }) }
}

/**
 * Prepares `candidate`: the adapter (cached), the upstream request and body. A provider that
 * does not speak the client's API gets the request translated to a wire it does speak; APIs
 * without a translation (embeddings, count_tokens, models) make the candidate unusable.
 */
export function prepareAttempt(source: AttemptSource, candidate: Candidate): PreparedAttempt<ReadyAttempt> {
  const { api, parsed } = source
  let adapter: ProviderAdapter
  try {
    adapter = source.adapterFor(candidate.provider)
  } catch (error) {
    if (isGatewayError(error)) return { unusable: error }
    throw error
  }
  const model = candidate.model
  if (adapter.serves(api)) {
    const prepared = prepareBody(api, source.raw, parsed, adapter, model)
    const upstream = adapter.prepareRequest({
      api,
      model,
      query: source.query,
      clientHeaders: source.headers,
    })
    return { ready: { adapter, upstream, translation: undefined, ...prepared } }
  }
  const upstreamWire = upstreamWirePreference.find((wire) => adapter.serves(wire))
  if (!isClientWire(api) || upstreamWire === undefined) return unusable(candidate.provider, api)
  let translated: { body: object; droppedParams: string[] }
  try {
    const bodyModel = adapter.bodyModel(upstreamWire, model) ?? model
    translated = translateRequest({ from: api, to: upstreamWire, body: parsed, model: bodyModel })
  } catch (error) {
    if (isGatewayError(error)) return { unusable: error }
    throw error
  }
  const streamOptions = parsed.stream_options as { include_usage?: unknown } | undefined
  return {
    ready: {
      adapter,
      // The client's query string belongs to the client's API, not to the translated one.
      upstream: adapter.prepareRequest({
        api: upstreamWire,
        model,
        query: '',
        clientHeaders: source.headers,
      }),
      body: Buffer.from(JSON.stringify(translated.body)),
      stripUsageChunk: false,
      translation: {
        clientWire: api,
        upstreamWire,
        droppedParams: translated.droppedParams,
        includeUsage: streamOptions?.include_usage === true,
      },
    },
  }
}
