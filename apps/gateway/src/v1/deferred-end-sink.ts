// The proxied routes' response sink: holds back the final end() until the route has recorded
// the forward result, so the access line and metrics written at close carry it.
import type { ServerResponse } from 'node:http'
import type { ResponseSink } from '@gw/providers'
import type { RequestContext } from '../http/request-context.js'

type FlatHeaders = Parameters<ResponseSink['writeHead']>[1]

function isEventStream(headers: FlatHeaders): boolean {
  for (let i = 0; i < headers.length; i += 2) {
    const value = headers[i + 1]
    if (String(headers[i]).toLowerCase() === 'content-type' && typeof value === 'string')
      return value.startsWith('text/event-stream')
  }
  return false
}

/**
 * Wraps the Node response for `providers.forward`. The access line and request metrics are
 * written when the response closes, which happens as soon as the forwarder ends it — before
 * `forward` resolves with the provider, attempts and usage. This sink keeps that `end` until
 * {@link DeferredEndSink.finish}, and marks the request as streaming when an event stream starts
 * (so `gateway_streaming_active` counts it while it runs). Everything else goes straight through.
 *
 * @example
 * const sink = new DeferredEndSink(c.env.outgoing, context)
 * try { recordResult(context, await providers.forward({ …, sink })) } finally { sink.finish() }
 */
export class DeferredEndSink implements ResponseSink {
  readonly #response: ServerResponse
  readonly #context: RequestContext
  #ended = false
  #finalChunk: Uint8Array | string | undefined = undefined

  constructor(response: ServerResponse, context: RequestContext) {
    this.#response = response
    this.#context = context
  }

  writeHead(status: number, headers: FlatHeaders): this {
    if (isEventStream(headers)) this.#context.markStreaming()
    this.#response.writeHead(status, headers)
    return this
  }

  write(chunk: Uint8Array | string): boolean {
    return this.#response.write(chunk)
  }

  end(chunk?: Uint8Array | string): this {
    // Corked until finish(): the held end of a chunked stream (`0\r\n\r\n`) then leaves in the
    // same writev as the last chunk written in this tick, not in a syscall of its own.
    if (!this.#ended) this.#response.cork()
    this.#ended = true
    this.#finalChunk = chunk
    return this
  }

  on(event: 'close' | 'drain', listener: () => void): this {
    // The forwarder's close listener rides on the gateway listener's own (see holdCloseListener).
    if (event === 'close' && this.#context.holdCloseListener(listener)) return this
    this.#response.on(event, listener)
    return this
  }

  once(event: 'drain', listener: () => void): this {
    this.#response.once(event, listener)
    return this
  }

  removeListener(event: 'close' | 'drain', listener: () => void): this {
    if (event === 'close' && this.#context.dropCloseListener(listener)) return this
    this.#response.removeListener(event, listener)
    return this
  }

  destroy(error?: Error): this {
    this.#response.destroy(error)
    return this
  }

  get destroyed(): boolean {
    return this.#response.destroyed
  }

  /** Ends the response if the forwarder ended it; call once the result is recorded. */
  finish(): void {
    if (!this.#ended) return
    this.#ended = false
    const chunk = this.#finalChunk
    this.#finalChunk = undefined
    if (chunk === undefined) this.#response.end()
    else this.#response.end(chunk)
    this.#response.uncork()
  }
}
