// The public client: routing, pools, breakers, catalogue and dispatch wired for any Node app.
import type { IncomingHttpHeaders } from 'node:http'
import { performance } from 'node:perf_hooks'
import { setTimeout as sleepFor } from 'node:timers/promises'
import type { AddressPolicy } from '@gw/contract'
import { GatewayError } from '@gw/contract'
import type { Dispatcher } from 'undici'
import { type Catalog, type CatalogOptions, createCatalog } from '../catalog/create-catalog.js'
import {
  type CircuitBreakerOptions,
  type CircuitBreakers,
  createCircuitBreakers,
} from '../dispatch/circuit-breaker.js'
import { createAdapterCache } from '../dispatch/create-adapter.js'
import { createForwarder, type ForwardRequest } from '../dispatch/create-forwarder.js'
import type { Candidate, ForwardResult } from '../dispatch/dispatch-types.js'
import { type RetryOptions, resolveRetry } from '../dispatch/retry-policy.js'
import { createRouter } from '../routing/create-router.js'
import type { RouteConfig, RoutePlan } from '../routing/route-config.js'
import type { ClientApi } from '../spec/client-api.js'
import { createOutboundPools, type OutboundTimeouts } from '../utils/outbound-pools.js'
import { EventStreamSink } from './event-stream-sink.js'
import { MemorySink } from './memory-sink.js'
import { toUpstreamError } from './upstream-error.js'

/** Options of {@link createProviderClient}; only `providers` is required. */
export interface ProviderClientOptions extends RouteConfig {
  /** Same-provider retries with backoff; off by default. */
  retry?: RetryOptions
  /** Circuit breaker settings (window 30 s, 10 failures, 60 s cooldown by default). */
  breaker?: CircuitBreakerOptions
  /** Outbound dispatcher for every origin (tests, custom agents). Default: a Pool per origin. */
  dispatcher?: Dispatcher
  /** Route all provider traffic through this HTTP(S) proxy. */
  proxyUrl?: string
  timeouts?: OutboundTimeouts
  /** SSRF policy checked when connecting to providers (see `createAddressPolicy` in `@gw/contract`). */
  addressPolicy?: AddressPolicy
  /** Connections per provider origin. Default 256. */
  connections?: number
  /** Price overrides for cost computation. */
  catalog?: CatalogOptions
  /** Monotonic clock in ms for TTFB. Default `performance.now`. */
  now?: () => number
  /** Waits between retries. Default `timers/promises.setTimeout`. */
  sleep?: (ms: number) => Promise<void>
  /** Jitter source. Default `Math.random`. */
  random?: () => number
}

/** A forward whose candidates the client resolves from the body's `model` when not given. */
export interface ClientForwardRequest extends Omit<ForwardRequest, 'candidates'> {
  candidates?: readonly Candidate[]
}

/** Options of `chat` and `stream`. */
export interface CallOptions {
  /** The API the body is shaped for. Default `openai-chat`. */
  api?: ClientApi
  headers?: IncomingHttpHeaders
}

/** A parsed answer with what dispatch learnt on the way. */
export interface ChatResult {
  body: Record<string, unknown>
  meta: ForwardResult
}

/** Parsed stream events; `result` settles when the stream ended. */
export interface ProviderStream extends AsyncIterable<Record<string, unknown>> {
  result: Promise<ForwardResult>
}

/** Calls providers with routing, fallback, breakers and usage accounting. */
export interface ProviderClient {
  /** Byte passthrough into a Node `ServerResponse` (what the gateway uses). */
  forward(request: ClientForwardRequest): Promise<ForwardResult>
  /** A non-streaming call; throws a `GatewayError` carrying the upstream status on failure. */
  chat(body: Record<string, unknown>, options?: CallOptions): Promise<ChatResult>
  /** A streaming call (`stream: true` is set for you). */
  stream(body: Record<string, unknown>, options?: CallOptions): ProviderStream
  /** The candidate chain for a model name under this client's routing settings. */
  resolve(model: string): RoutePlan
  readonly breakers: CircuitBreakers
  readonly catalog: Catalog
  /** Closes the outbound pools (in-flight requests finish first). */
  close(): Promise<void>
}

/**
 * Creates a provider client usable by any Node app (no gateway, control plane or env needed).
 *
 * @example
 * const client = createProviderClient({
 *   providers: [{ id: 'openai', type: 'openai', credentials: { api_key: process.env.OPENAI_API_KEY ?? '' } }],
 * })
 * const { body, meta } = await client.chat({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] })
 */
export function createProviderClient(options: ProviderClientOptions): ProviderClient {
  const pools = createOutboundPools({
    ...(options.dispatcher === undefined ? {} : { dispatcher: options.dispatcher }),
    ...(options.proxyUrl === undefined ? {} : { proxyUrl: options.proxyUrl }),
    ...(options.timeouts === undefined ? {} : { timeouts: options.timeouts }),
    ...(options.addressPolicy === undefined ? {} : { addressPolicy: options.addressPolicy }),
    ...(options.connections === undefined ? {} : { connections: options.connections }),
  })
  const breakers = createCircuitBreakers(options.breaker)
  const catalog = createCatalog(options.catalog)
  const router = createRouter(options)
  const forwardTo = createForwarder({
    pools,
    breakers,
    retry: resolveRetry(options.retry),
    maxAttempts: options.fallback?.maxAttempts ?? Number.POSITIVE_INFINITY,
    // Token refreshes (Vertex) go through the same pools, proxy or injected dispatcher.
    adapterFor: createAdapterCache({ dispatcherFor: (origin) => pools.get(origin) }),
    price: catalog.costMicroUsd,
    now: options.now ?? (() => performance.now()),
    sleep: options.sleep ?? ((ms) => sleepFor(ms)),
    random: options.random ?? Math.random,
  })

  const candidatesFor = (api: ClientApi, parsed: Record<string, unknown>): readonly Candidate[] => {
    if (api === 'openai-models' && typeof parsed.model !== 'string') {
      return options.providers.map((provider) => ({ provider, model: '' }))
    }
    if (typeof parsed.model !== 'string')
      throw new GatewayError('bad_request', 'The request names no model: set "model"')
    return router.resolve(parsed.model).candidates
  }

  const forward = (request: ClientForwardRequest): Promise<ForwardResult> => {
    // With its candidates the request already is a ForwardRequest: no copy per request.
    if (request.candidates !== undefined) return forwardTo(request as ForwardRequest)
    const body = typeof request.body === 'string' ? Buffer.from(request.body) : request.body
    const parsed = request.parsed ?? (body === undefined || body.length === 0 ? {} : parseObject(body))
    return forwardTo({ ...request, body, parsed, candidates: candidatesFor(request.api, parsed) })
  }

  return {
    forward,
    async chat(body, callOptions = {}) {
      if (body.stream === true) throw new GatewayError('bad_request', 'chat() does not stream: use stream()')
      const sink = new MemorySink()
      const api = callOptions.api ?? 'openai-chat'
      const meta = await forward({
        api,
        body: JSON.stringify(body),
        parsed: body,
        sink,
        ...headersOf(callOptions),
      })
      await sink.done
      const bytes = sink.body()
      if (sink.status >= 300) throw toUpstreamError(sink.status, sink.headers, bytes)
      return { body: parseObject(bytes), meta }
    },
    stream(body, callOptions = {}) {
      const sink = new EventStreamSink()
      const streamed = { ...body, stream: true }
      const api = callOptions.api ?? 'openai-chat'
      const result = forward({
        api,
        body: JSON.stringify(streamed),
        parsed: streamed,
        sink,
        ...headersOf(callOptions),
      })
      result.catch((error: Error) => sink.fail(error))
      return Object.assign(sink, { result })
    },
    resolve: (model) => router.resolve(model),
    breakers,
    catalog,
    close: () => pools.close(),
  }
}

function headersOf(options: CallOptions): { headers?: IncomingHttpHeaders } {
  return options.headers === undefined ? {} : { headers: options.headers }
}

function parseObject(bytes: Buffer): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(bytes.toString('utf8'))
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
      return parsed as Record<string, unknown>
  } catch (error) {
    throw new GatewayError('invalid_json', 'The body is not valid JSON', { cause: error })
  }
  throw new GatewayError('bad_request', 'The body must be a JSON object')
}
