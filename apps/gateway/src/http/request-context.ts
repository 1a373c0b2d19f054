// Per-request state shared by the listener, the routes and the access log, kept on the request.
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Context } from 'hono'
import type { Logger } from 'pino'
import type { GatewayEnv } from './gateway-env.js'

const contextKey = Symbol('gw.requestContext')

/** What every request context shares: the process logger and the streaming gauge hook. */
export interface RequestContextShared {
  readonly logger: Logger
  readonly onStreamingStart: () => void
}

/**
 * One request's state. Routes fill the optional fields (provider, model, tokens…) and they
 * land in the access log line and the metrics. Every field is initialised in the constructor
 * so all instances share one shape (cheap property access on the hot path).
 */
export class RequestContext {
  readonly requestId: string
  /** `performance.now()` when the request arrived. */
  readonly startedAt: number
  readonly response: ServerResponse
  /** Matched route pattern for logs and metrics; resolved from the route table when unset. */
  route: string | undefined = undefined
  streaming = false
  /** True once the body was refused unread; the connection is closed after the response. */
  bodyAbandoned = false
  /** Counted against SERVER_MAX_INFLIGHT_REQUESTS until its access line is recorded. */
  admitted = false
  provider: string | undefined = undefined
  model: string | undefined = undefined
  /** Display prefix of the virtual key, never the key. */
  keyPrefix: string | undefined = undefined
  inputTokens: number | undefined = undefined
  outputTokens: number | undefined = undefined
  attempts: number | undefined = undefined
  /** Milliseconds from arrival to the first response byte of a stream. */
  ttfbMs: number | undefined = undefined
  /** Socket bytes written before this response, to count its bytes. */
  readonly socketBytesBefore: number
  /** True while a proxied route is still to record its result (see {@link afterRecorded}). */
  recording = false
  readonly #shared: RequestContextShared
  #logger: Logger | undefined = undefined
  #afterRecorded: (() => void) | undefined = undefined
  /** True once the gateway listener listens for the response's close and calls {@link responseClosed}. */
  #closeWired = false
  #closeListener: (() => void) | undefined = undefined

  constructor(requestId: string, startedAt: number, response: ServerResponse, shared: RequestContextShared) {
    this.requestId = requestId
    this.startedAt = startedAt
    this.response = response
    this.socketBytesBefore = response.socket?.bytesWritten ?? 0
    this.#shared = shared
  }

  /** A logger whose every line carries `request_id` (created on first use). */
  get logger(): Logger {
    this.#logger ??= this.#shared.logger.child({ request_id: this.requestId })
    return this.#logger
  }

  /** Runs `record` once the route called {@link recorded} (the access line of an aborted request). */
  afterRecorded(record: () => void): void {
    this.#afterRecorded = record
  }

  /** The route recorded provider, model and tokens: a deferred access line is written now. */
  recorded(): void {
    this.recording = false
    const record = this.#afterRecorded
    this.#afterRecorded = undefined
    record?.()
  }

  /** Called by the gateway listener right after it listens for the response's close. */
  wireClose(): void {
    this.#closeWired = true
  }

  /**
   * Takes one more listener for the response's close, called from the gateway listener's own: a
   * second listener on the response would make Node keep an array of them and search it on
   * removal, per request. False when this context cannot (not wired, or one is already held):
   * the caller then listens on the response itself.
   */
  holdCloseListener(listener: () => void): boolean {
    if (!this.#closeWired || this.#closeListener !== undefined) return false
    this.#closeListener = listener
    return true
  }

  /** Drops a listener taken by {@link holdCloseListener}; false when it holds another one (or none). */
  dropCloseListener(listener: () => void): boolean {
    if (this.#closeListener !== listener) return false
    this.#closeListener = undefined
    return true
  }

  /** The response closed: calls the held listener once (by the gateway listener). */
  responseClosed(): void {
    const listener = this.#closeListener
    this.#closeListener = undefined
    listener?.()
  }

  /** Marks the response as a stream: counted in `gateway_streaming_active` until it closes. */
  markStreaming(): void {
    if (this.streaming) return
    this.streaming = true
    this.#shared.onStreamingStart()
  }
}

/** Attaches `context` to its request (done once by the gateway listener). */
export function attachRequestContext(incoming: IncomingMessage, context: RequestContext): void {
  ;(incoming as IncomingMessage & { [contextKey]?: RequestContext })[contextKey] = context
}

/** The context of a request served by the gateway listener, or undefined elsewhere. */
export function findRequestContext(incoming: IncomingMessage): RequestContext | undefined {
  return (incoming as IncomingMessage & { [contextKey]?: RequestContext })[contextKey]
}

/**
 * The request context of a Hono handler running in the gateway.
 *
 * @example
 * app.post('/v1/chat/completions', (c) => {
 *   const context = getRequestContext(c)
 *   context.provider = 'openai'
 *   context.logger.debug('dispatching')
 * })
 */
export function getRequestContext(c: Context<GatewayEnv>): RequestContext {
  const context = findRequestContext(c.env.incoming)
  if (context === undefined)
    throw new Error('getRequestContext: the request was not received by the gateway listener')
  return context
}
