// One upstream call whose whole answer is read into memory (embeddings batches), cancellable like any attempt.
import type { IncomingHttpHeaders } from 'node:http'
import type { Dispatcher } from 'undici'
import type { UpstreamRequest } from '../spec/provider-adapter.js'
import { isTimeoutError } from './stream-error-event.js'

/** How a buffered call ended. */
export type BufferedOutcome =
  | { kind: 'answer'; status: number; headers: IncomingHttpHeaders; body: Buffer; ttfbMs: number }
  | { kind: 'network-error'; error: Error; timeout: boolean }

/** What {@link callBuffered} needs. */
export interface BufferedCallInput {
  dispatcher: Dispatcher
  request: UpstreamRequest
  body: Buffer
  headersTimeoutMs: number
  bodyTimeoutMs: number
  /** Answers larger than this fail the call. */
  maxBytes: number
  now: () => number
  /** Receives the call's controller when it starts (to abort it when the client leaves). */
  onStart(controller: Dispatcher.DispatchController): void
}

class BufferingHandler implements Dispatcher.DispatchHandler {
  private status = 0
  private headers: IncomingHttpHeaders = {}
  private ttfbMs = 0
  private chunks: Buffer[] = []
  private bytes = 0
  private readonly startedAt: number

  constructor(
    private readonly input: BufferedCallInput,
    private readonly resolve: (outcome: BufferedOutcome) => void,
  ) {
    this.startedAt = input.now()
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.input.onStart(controller)
  }

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    status: number,
    headers: IncomingHttpHeaders,
  ): void {
    this.ttfbMs = this.input.now() - this.startedAt
    this.status = status
    this.headers = headers
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.bytes += chunk.length
    if (this.bytes > this.input.maxBytes) controller.abort(new Error('upstream answer too large'))
    else this.chunks.push(chunk)
  }

  onResponseEnd(): void {
    const body = Buffer.concat(this.chunks, this.bytes)
    this.resolve({ kind: 'answer', status: this.status, headers: this.headers, body, ttfbMs: this.ttfbMs })
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    this.resolve({ kind: 'network-error', error, timeout: isTimeoutError(error) })
  }
}

/**
 * Sends one request and resolves with its whole answer (any status) or the network failure.
 *
 * @example
 * const outcome = await callBuffered({ dispatcher, request, body, headersTimeoutMs, bodyTimeoutMs, maxBytes, now, onStart })
 */
export function callBuffered(input: BufferedCallInput): Promise<BufferedOutcome> {
  return new Promise((resolve) => {
    const { request } = input
    input.dispatcher.dispatch(
      {
        origin: request.origin,
        method: request.method,
        path: request.path,
        headers: request.headers,
        body: input.body,
        headersTimeout: input.headersTimeoutMs,
        bodyTimeout: input.bodyTimeoutMs,
      },
      new BufferingHandler(input, resolve),
    )
  })
}
