// The forward composition: prepare (passthrough or translation) → breaker → attempt → classify, over the candidate chain.
import type { IncomingHttpHeaders } from 'node:http'
import { parseJsonObject } from '@gw/contract'
import type { ClientApi } from '../spec/client-api.js'
import type { AnyProviderAdapter } from '../spec/provider-adapter.js'
import type { ProviderConfig } from '../spec/provider-config.js'
import type { Usage } from '../spec/usage.js'
import { toClientHeaders } from '../utils/http-headers.js'
import type { OutboundPools } from '../utils/outbound-pools.js'
import type { AttemptInput, AttemptOutcome, ClientConnection } from './attempt-types.js'
import { runAuthorized } from './authorized-attempt.js'
import type { CircuitBreakers } from './circuit-breaker.js'
import type { Candidate, ForwardResult, ResponseSink } from './dispatch-types.js'
import { runEmbeddingsAttempt } from './embeddings-attempt.js'
import { networkFailureError, nothingRanError } from './forward-errors.js'
import { type PassthroughAttemptInput, runPassthroughAttempt } from './passthrough-attempt.js'
import { type AttemptSource, prepareAttempt, type ReadyAttempt } from './prepare-attempt.js'
import type { ResolvedRetry } from './retry-policy.js'
import { runTranslatedAttempt } from './translated-attempt.js'
import { walkCandidates } from './walk-candidates.js'

/** One request to forward. */
export interface ForwardRequest {
  api: ClientApi
  /** The client's raw body (absent for GET APIs). */
  body?: Buffer | string
  /** The body already parsed by the caller, to avoid a second parse. */
  parsed?: Record<string, unknown>
  /** The client's request headers; only an allowlist per provider is forwarded. */
  headers?: IncomingHttpHeaders
  /** The client's query string with its `?` (e.g. `?beta=true`), passed through. */
  query?: string
  sink: ResponseSink
  /** Headers to write with the response (lower-case names), e.g. `x-request-id`. */
  extraHeaders?: Readonly<Record<string, string>>
  /** Where to send it, in order (see `createRouter`). */
  candidates: readonly Candidate[]
  /** Caps upstream calls across the chain for this request. */
  maxAttempts?: number
}

/** What {@link createForwarder} composes. */
export interface ForwarderOptions {
  pools: OutboundPools
  breakers: CircuitBreakers
  retry: ResolvedRetry
  /** Default cap on upstream calls per request. */
  maxAttempts: number
  adapterFor: (config: ProviderConfig) => AnyProviderAdapter
  /** Prices usage; undefined when the model has no price. */
  price: (model: string, usage: Usage) => number | undefined
  now: () => number
  sleep: (ms: number) => Promise<void>
  random: () => number
}

const clientGone = new Error('client disconnected')

function routingHeaders(
  extra: Readonly<Record<string, string>> | undefined,
  providerId: string,
  fallbackCount: number,
): Record<string, string> {
  const headers: Record<string, string> = { ...extra, 'x-langwatch-provider': providerId }
  if (fallbackCount > 0) headers['x-langwatch-fallback-count'] = String(fallbackCount)
  return headers
}

/**
 * Creates the passthrough `forward`: resolves to a {@link ForwardResult} once a response (an
 * answer, a caller error or the last upstream error, verbatim) was written to the sink; throws a
 * `GatewayError` without writing anything when no upstream answered (`circuit_open`,
 * `provider_timeout`, `provider_error`, `not_implemented`, `no_provider_configured`).
 */
export function createForwarder(
  options: ForwarderOptions,
): (request: ForwardRequest) => Promise<ForwardResult> {
  const { pools, breakers, retry, adapterFor, now, sleep, random } = options

  return async function forward(request) {
    const { api, sink } = request
    const raw = typeof request.body === 'string' ? Buffer.from(request.body) : request.body
    const parsed = request.parsed ?? (raw === undefined || raw.length === 0 ? {} : parseJsonObject(raw))
    const query = request.query === undefined || request.query === '?' ? '' : request.query
    const connection: ClientConnection = { gone: sink.destroyed, controller: undefined }
    const onClose = () => {
      connection.gone = true
      connection.controller?.abort(clientGone)
    }
    sink.on('close', onClose)

    const source: AttemptSource = { api, raw, parsed, query, headers: request.headers, adapterFor }
    const prepare = (candidate: Candidate) => prepareAttempt(source, candidate)
    const run = (
      ready: ReadyAttempt,
      candidate: Candidate,
      fallbackCount: number,
    ): Promise<AttemptOutcome> => {
      const extraHeaders = routingHeaders(request.extraHeaders, candidate.provider.id, fallbackCount)
      const input: AttemptInput = {
        api,
        adapter: ready.adapter,
        request: ready.upstream,
        body: ready.kind === 'embeddings' ? undefined : ready.body,
        dispatcher: pools.get(ready.upstream.origin),
        headersTimeoutMs: pools.timeouts.headersMs,
        bodyTimeoutMs: pools.timeouts.bodyMs,
        stripUsageChunk: ready.kind === 'passthrough' && ready.stripUsageChunk,
        sink,
        extraHeaders,
        connection,
        now,
      }
      if (ready.kind === 'passthrough') {
        // `input.adapter` is `ready.adapter`, a same-shape adapter; those with static auth (OpenAI,
        // Anthropic…) never wait on anything here.
        const passthrough = input as PassthroughAttemptInput
        return ready.adapter.authorize === undefined
          ? runPassthroughAttempt(passthrough)
          : runAuthorized(passthrough, runPassthroughAttempt)
      }
      if (ready.kind === 'embeddings') return runEmbeddingsAttempt({ ...input, job: ready.job, parsed })
      const translation = ready.translation
      if (translation.droppedParams.length > 0) {
        extraHeaders['x-langwatch-params-dropped'] = translation.droppedParams.join(',')
      }
      const requestModel = typeof parsed.model === 'string' ? parsed.model : candidate.model
      const translated = { ...input, ...translation, requestModel }
      return ready.adapter.authorize === undefined
        ? runTranslatedAttempt(translated)
        : runAuthorized(translated, runTranslatedAttempt)
    }

    try {
      const maxAttempts = request.maxAttempts ?? options.maxAttempts
      const walk = await walkCandidates(request.candidates, {
        breakers,
        retry,
        maxAttempts,
        connection,
        sleep,
        random,
        prepare,
        run,
      })
      const outcome = walk.outcome
      const candidate = request.candidates[walk.index]
      const result: ForwardResult = {
        status: 0,
        providerId: candidate?.provider.id ?? '',
        model: candidate?.model ?? '',
        attempts: walk.attempts,
        fallbackCount: Math.max(walk.index, 0),
        records: walk.records,
        usage: undefined,
        costMicroUsd: undefined,
        streamed: false,
        clientAborted: connection.gone,
        streamError: undefined,
      }
      if (outcome === undefined || candidate === undefined) {
        if (connection.gone) return result
        throw nothingRanError(walk)
      }
      if (outcome.kind === 'network-error') {
        throw networkFailureError(candidate.provider.id, outcome.error, outcome.timeout, walk.attempts)
      }
      if (outcome.kind === 'http-error') {
        result.status = outcome.status
        if (!connection.gone) {
          const extra = routingHeaders(request.extraHeaders, candidate.provider.id, result.fallbackCount)
          sink.writeHead(outcome.status, toClientHeaders(outcome.headers, extra, false))
          sink.end(outcome.body)
        }
      } else {
        result.status = outcome.status
        result.usage = outcome.usage
        result.streamed = outcome.streamed
        if (outcome.kind === 'sent') result.streamError = outcome.streamError
        if (outcome.usage !== undefined) result.costMicroUsd = options.price(candidate.model, outcome.usage)
      }
      return result
    } finally {
      sink.removeListener('close', onClose)
    }
  }
}
