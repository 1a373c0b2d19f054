// What one upstream attempt receives and how it ends, shared by passthrough and translated attempts.
import type { IncomingHttpHeaders } from 'node:http'
import type { Dispatcher } from 'undici'
import type { ClientApi } from '../spec/client-api.js'
import type { AnyProviderAdapter, UpstreamRequest } from '../spec/provider-adapter.js'
import type { Usage } from '../spec/usage.js'
import type { ResponseSink } from './dispatch-types.js'
import type { UpstreamBody } from './upstream-body.js'

/** The client side of a forwarded request, shared by its attempts (cancellation). */
export interface ClientConnection {
  /** The client left: no attempt may start or continue. */
  gone: boolean
  /** The upstream call(s) in flight, aborted when the client leaves (an undici dispatch controller). */
  controller: Pick<Dispatcher.DispatchController, 'abort'> | undefined
}

/** Everything one attempt needs. */
export interface AttemptInput {
  /** The client's API: the shape of what is written to the sink. */
  api: ClientApi
  adapter: AnyProviderAdapter
  request: UpstreamRequest
  body: UpstreamBody | undefined
  dispatcher: Dispatcher
  headersTimeoutMs: number
  bodyTimeoutMs: number
  /** Hide the usage-only chunk the gateway asked for on the client's behalf (passthrough only). */
  stripUsageChunk: boolean
  sink: ResponseSink
  /** Headers written before the upstream's (lower-case names), routing headers included. */
  extraHeaders: Readonly<Record<string, string>>
  connection: ClientConnection
  now: () => number
}

/** How an attempt ended. Only `sent` (and `aborted` with a status) wrote to the sink. */
export type AttemptOutcome =
  | {
      kind: 'sent'
      status: number
      ttfbMs: number
      usage: Usage | undefined
      streamed: boolean
      streamError: string | undefined
    }
  | { kind: 'http-error'; status: number; ttfbMs: number; headers: IncomingHttpHeaders; body: Buffer }
  | { kind: 'network-error'; error: Error; timeout: boolean }
  | { kind: 'aborted'; status: number; usage: Usage | undefined; streamed: boolean }
