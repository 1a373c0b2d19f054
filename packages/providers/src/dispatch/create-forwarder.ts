// The forward composition: prepare (passthrough or translation) → breaker → attempt → classify, over the candidate chain.
import type { IncomingHttpHeaders } from 'node:http'
import { parseJsonObject } from '@gw/contract'
import type { Dispatcher } from 'undici'
import { countPromptTokens } from '../count-tokens/count-prompt-tokens.js'
import type { ClientApi } from '../spec/client-api.js'
import type { AnyProviderAdapter, UpstreamRequest } from '../spec/provider-adapter.js'
import type { ProviderConfig } from '../spec/provider-config.js'
import type { Usage } from '../spec/usage.js'
import type { ClientWire } from '../translate/wire.js'
import { toClientHeaders } from '../utils/http-headers.js'
import type { OutboundPools } from '../utils/outbound-pools.js'
import { providerName } from '../utils/provider-name.js'
import { stripQueryCredentials } from '../utils/strip-credentials.js'
import { type ScannedRequest, scannedFromParsed } from '../validate/scan-request.js'
import { validateClientRequest } from '../validate/validate-request.js'
import type { AttemptInput, AttemptOutcome, ClientConnection } from './attempt-types.js'
import { runAuthorized } from './authorized-attempt.js'
import type { CircuitBreakers } from './circuit-breaker.js'
import {
  type CountTokensAttemptInput,
  runCountTokensAttempt,
  runLocalCountTokens,
} from './count-tokens-attempt.js'
import type { Candidate, ForwardResult, ResponseSink } from './dispatch-types.js'
import { runEmbeddingsAttempt } from './embeddings-attempt.js'
import { networkFailureError, nothingRanError } from './forward-errors.js'
import { type PassthroughAttemptInput, runPassthroughAttempt } from './passthrough-attempt.js'
import type { AttemptSource, ReadyAttempt, Translation } from './prepare-attempt.js'
import { asError, prepareOrFail } from './prepare-or-fail.js'
import type { ResolvedRetry } from './retry-policy.js'
import { runTranslatedAttempt } from './translated-attempt.js'
import { upstreamWireProfiles } from './upstream-wires.js'
import { walkCandidates } from './walk-candidates.js'

/** One request to forward. */
export interface ForwardRequest {
  api: ClientApi
  /** The client's raw body (absent for GET APIs). */
  body?: Buffer | string
  /** The body already parsed by the caller, to avoid a second parse. */
  parsed?: Record<string, unknown>
  /**
   * The caller's lazy, shared parse of `body`: an object whose `parsed` getter parses once on
   * first access (the gateway's request body). Read only when an attempt needs the parsed body
   * (translation, embeddings, count-tokens, a body the scan doubts).
   */
  lazyBody?: { readonly parsed: Record<string, unknown> }
  /**
   * The top-level facts of `body` from `scanRequest`: with them a same-shape passthrough of a
   * body that passes the scan never parses it. Absent: derived from the parse.
   */
  scanned?: ScannedRequest
  /** The client's request headers; only an allowlist per provider is forwarded. */
  headers?: IncomingHttpHeaders
  /** The client's query string with its `?` (e.g. `?beta=true`), passed through without credentials. */
  query?: string
  sink: ResponseSink
  /** Headers to write with the response (lower-case names), e.g. `x-request-id`. */
  extraHeaders?: Readonly<Record<string, string>>
  /**
   * The gateway's request id: translated answers carry it as the client wire's request-id header
   * (`x-request-id`; Anthropic clients also `request-id`, which the SDK reads as `_request_id`).
   */
  requestId?: string
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

/** Anthropic streams open with `message_start.usage.input_tokens`, which other wires only report at the end. */
function needsInputEstimate(translation: Translation, parsed: Record<string, unknown>): boolean {
  return (
    translation.clientWire === 'anthropic-messages' &&
    parsed.stream === true &&
    upstreamWireProfiles[translation.upstreamWire].codec !== 'anthropic-messages'
  )
}

// An estimate is a courtesy: a tokenizer that fails to load leaves message_start at 0.
function estimateInputTokens(parsed: Record<string, unknown>, model: string): Promise<number | undefined> {
  return countPromptTokens(parsed, model).catch(() => undefined)
}

/** A translated answer names the gateway's request id, not the provider's, in the client's header. */
function addRequestIdHeaders(
  headers: Record<string, string>,
  clientWire: ClientWire,
  requestId: string,
): void {
  headers['x-request-id'] = requestId
  if (clientWire === 'anthropic-messages') headers['request-id'] = requestId
}

/**
 * Creates the passthrough `forward`: resolves to a {@link ForwardResult} once a response (an
 * answer, a caller error or the last upstream error, verbatim) was written to the sink; throws a
 * `GatewayError` without writing anything when the body breaks the client's wire contract
 * (`missing_required_parameter`, `invalid_type`) or no upstream answered (`circuit_open`,
 * `provider_timeout`, `provider_error`, `not_implemented`, `no_provider_configured`).
 */
export function createForwarder(
  options: ForwarderOptions,
): (request: ForwardRequest) => Promise<ForwardResult> {
  const { pools, breakers, retry, adapterFor, now, sleep, random } = options

  return async function forward(request) {
    const { api, sink } = request
    const raw = typeof request.body === 'string' ? Buffer.from(request.body) : request.body
    let parsedOnce = request.parsed
    // A body the scan passed but JSON.parse refuses (a flaw deep inside) fails the request with
    // that 400 the moment an attempt needs the parse, not just the candidate.
    let parseFailure: unknown
    const parse = (): Record<string, unknown> => {
      try {
        parsedOnce ??=
          request.lazyBody?.parsed ?? (raw === undefined || raw.length === 0 ? {} : parseJsonObject(raw))
      } catch (error) {
        parseFailure = error
        throw error
      }
      return parsedOnce
    }
    const scanned = request.scanned ?? scannedFromParsed(parse())
    if (!scanned.valid) validateClientRequest(api, parse())
    const query =
      request.query === undefined || request.query === '?' ? '' : stripQueryCredentials(request.query)
    const connection: ClientConnection = { gone: sink.destroyed, controller: undefined }
    const onClose = () => {
      connection.gone = true
      connection.controller?.abort(clientGone)
    }
    sink.on('close', onClose)

    let estimate: Promise<number | undefined> | undefined
    const source: AttemptSource = { api, raw, scanned, parse, query, headers: request.headers, adapterFor }
    const prepare = (candidate: Candidate) => {
      const prepared = prepareOrFail(source, candidate)
      if (parseFailure !== undefined) throw parseFailure
      return prepared
    }
    const run = (
      ready: ReadyAttempt,
      candidate: Candidate,
      fallbackCount: number,
    ): Promise<AttemptOutcome> => {
      const extraHeaders = routingHeaders(request.extraHeaders, candidate.provider.id, fallbackCount)
      if (ready.kind === 'count-tokens' && request.requestId !== undefined) {
        addRequestIdHeaders(extraHeaders, 'anthropic-messages', request.requestId)
      }
      if (ready.kind === 'count-tokens' && ready.job.via === 'local') {
        return runLocalCountTokens({
          sink,
          extraHeaders,
          connection,
          parsed: parse(),
          model: ready.job.model,
        })
      }
      const upstream = ready.upstream as UpstreamRequest
      let dispatcher: Dispatcher
      try {
        dispatcher = pools.get(upstream.origin)
      } catch (error) {
        // A refused or unusable origin (SSRF policy, not http(s)) is this provider failing.
        return Promise.resolve({ kind: 'network-error', error: asError(error), timeout: false })
      }
      const input: AttemptInput = {
        api,
        adapter: ready.adapter,
        request: upstream,
        body: ready.kind === 'embeddings' ? undefined : ready.body,
        dispatcher,
        headersTimeoutMs: candidate.provider.firstByteTimeoutMs ?? pools.timeouts.headersMs,
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
      if (ready.kind === 'embeddings')
        return runEmbeddingsAttempt({ ...input, job: ready.job, parsed: parse() })
      if (ready.kind === 'count-tokens') {
        const job = ready.job as CountTokensAttemptInput['job']
        return runCountTokensAttempt({ ...input, job, parsed: parse() })
      }
      const translation = ready.translation
      if (translation.droppedParams.length > 0) {
        extraHeaders['x-langwatch-params-dropped'] = translation.droppedParams.join(',')
      }
      if (request.requestId !== undefined)
        addRequestIdHeaders(extraHeaders, translation.clientWire, request.requestId)
      const parsed = parse()
      const requestModel = typeof parsed.model === 'string' ? parsed.model : candidate.model
      const start = (inputTokensEstimate: number | undefined) => {
        const translated = { ...input, ...translation, requestModel, inputTokensEstimate }
        return ready.adapter.authorize === undefined
          ? runTranslatedAttempt(translated)
          : runAuthorized(translated, runTranslatedAttempt)
      }
      if (!needsInputEstimate(translation, parsed)) return start(undefined)
      estimate ??= estimateInputTokens(parsed, candidate.model)
      return estimate.then(start)
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
        throw networkFailureError(
          providerName(candidate.provider),
          outcome.error,
          outcome.timeout,
          walk.attempts,
        )
      }
      if (outcome.kind === 'http-error') {
        result.status = outcome.status
        if (!connection.gone) {
          const extra = routingHeaders(request.extraHeaders, candidate.provider.id, result.fallbackCount)
          // A translated error already names the gateway's request id: caller headers must not hide it.
          for (const name of ['x-request-id', 'request-id']) {
            if (request.requestId !== undefined && outcome.headers[name] === request.requestId) {
              extra[name] = request.requestId
            }
          }
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
