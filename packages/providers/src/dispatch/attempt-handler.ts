// The undici dispatch handler core every attempt shares: error buffering, backpressure, settle-once.
import type { IncomingHttpHeaders } from 'node:http'
import type { Dispatcher } from 'undici'
import type { StreamObserver } from '../spec/provider-adapter.js'
import { toClientHeaders } from '../utils/http-headers.js'
import { providerName } from '../utils/provider-name.js'
import type { SseScanner } from '../utils/sse-scanner.js'
import type { AttemptInput, AttemptOutcome } from './attempt-types.js'
import { describeNetworkError, isTimeoutError } from './stream-error-event.js'
import { headersForBody } from './upstream-body.js'

/** Error bodies are buffered (to fall back or return them verbatim); past this they are refused. */
const maxErrorBodyBytes = 1024 * 1024

/**
 * Base of the attempt handlers (undici's handler interface). Non-2xx bodies are buffered for the
 * fallback walker; subclasses handle 2xx bodies. Writes respect the sink's backpressure by
 * pausing the upstream until `drain`. Headers go out once, with the first byte (so an attempt
 * that dies before it can still fall back).
 */
export abstract class AttemptHandler implements Dispatcher.DispatchHandler {
  protected controller: Dispatcher.DispatchController | undefined = undefined
  protected status = 0
  protected ttfbMs = 0
  protected headers: IncomingHttpHeaders = {}
  protected success = false
  protected headWritten = false
  protected scanner: SseScanner | undefined = undefined
  protected observer: StreamObserver | undefined = undefined
  private readonly startedAt: number
  private settled = false
  private paused = false
  private errorChunks: Buffer[] = []
  private errorBytes = 0

  constructor(
    protected readonly input: AttemptInput,
    private readonly resolve: (outcome: AttemptOutcome) => void,
  ) {
    this.startedAt = input.now()
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller
    this.input.connection.controller = controller
    if (this.input.connection.gone) controller.abort(new Error('client disconnected'))
  }

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    status: number,
    headers: IncomingHttpHeaders,
  ): void {
    this.ttfbMs = this.input.now() - this.startedAt
    this.status = status
    this.headers = headers
    this.success = status >= 200 && status < 300
    if (this.success) this.startBody(headers)
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.success) {
      this.onBodyData(chunk)
      return
    }
    this.errorBytes += chunk.length
    if (this.errorBytes > maxErrorBodyBytes) controller.abort(new Error('upstream error body too large'))
    else this.errorChunks.push(chunk)
  }

  onResponseEnd(): void {
    if (this.success) {
      this.onBodyEnd()
      return
    }
    const body = Buffer.concat(this.errorChunks, this.errorBytes)
    this.settle(this.errorOutcome(body))
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    if (this.input.connection.gone) {
      // Keep what was observed: tokens already streamed are billed even when the client left.
      const status = this.headWritten ? this.status : 0
      this.settle({
        kind: 'aborted',
        status,
        usage: this.observer?.usage,
        streamed: this.isStream(),
      })
    } else if (!this.headWritten) {
      this.settle({ kind: 'network-error', error, timeout: isTimeoutError(error) })
    } else {
      const provider = providerName(this.input.adapter.config)
      const message = `The upstream response from provider "${provider}" broke off (${describeNetworkError(error)})`
      this.breakOff(error, message)
      this.settle(this.sentOutcome(message))
    }
  }

  /** A 2xx response started: set up body handling. */
  protected abstract startBody(headers: IncomingHttpHeaders): void
  protected abstract onBodyData(chunk: Buffer): void
  protected abstract onBodyEnd(): void
  /** The upstream failed after bytes went out: end the client response as its protocol allows. */
  protected abstract breakOff(error: Error, message: string): void
  protected abstract sentOutcome(streamError: string | undefined): AttemptOutcome

  /** Whether the 2xx body is a stream (SSE here; translated attempts also read binary frames). */
  protected isStream(): boolean {
    return this.scanner !== undefined
  }

  /** The outcome of a non-2xx answer (translated attempts rewrite the body). */
  protected errorOutcome(body: Buffer): AttemptOutcome {
    return { kind: 'http-error', status: this.status, ttfbMs: this.ttfbMs, headers: this.headers, body }
  }

  protected readonly write = (bytes: Buffer | string): void => {
    if (this.input.sink.write(bytes) || this.paused) return
    this.paused = true
    this.controller?.pause()
    this.input.sink.once('drain', this.resume)
  }

  private readonly resume = (): void => {
    this.paused = false
    this.controller?.resume()
  }

  protected writeHead(dropContentLength: boolean): void {
    this.headWritten = true
    this.input.sink.writeHead(
      this.status,
      toClientHeaders(this.headers, this.input.extraHeaders, dropContentLength),
    )
  }

  protected settle(outcome: AttemptOutcome): void {
    if (this.settled) return
    this.settled = true
    if (this.paused) this.input.sink.removeListener('drain', this.resume)
    if (this.input.connection.controller === this.controller) this.input.connection.controller = undefined
    this.resolve(outcome)
  }
}

/** Runs one attempt with `handler` and resolves once it ended. */
export function dispatchAttempt(
  input: AttemptInput,
  createHandler: (resolve: (outcome: AttemptOutcome) => void) => AttemptHandler,
): Promise<AttemptOutcome> {
  return new Promise((resolve) => {
    const { request } = input
    input.dispatcher.dispatch(
      {
        origin: request.origin,
        method: request.method,
        path: request.path,
        headers: headersForBody(request.headers, input.body),
        // undici sends an iterable body piece by piece (its type lists only single values).
        body: (input.body ?? null) as Buffer | null,
        headersTimeout: input.headersTimeoutMs,
        bodyTimeout: input.bodyTimeoutMs,
      },
      createHandler(resolve),
    )
  })
}
