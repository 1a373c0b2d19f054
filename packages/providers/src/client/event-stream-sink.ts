// A response sink that parses an SSE response into an async iterable of JSON events, for `client.stream()`.
import { EventEmitter } from 'node:events'
import { GatewayError } from '@gw/contract'
import type { ResponseSink } from '../dispatch/dispatch-types.js'
import type { FlatHeaders } from '../utils/http-headers.js'
import { objectField, parseJsonSafely } from '../utils/json-fields.js'
import { SseScanner } from '../utils/sse-scanner.js'
import { toUpstreamError } from './upstream-error.js'

/** Parsed events buffered before the upstream is paused (backpressure). */
const highWater = 64

/**
 * Yields each SSE event's parsed `data` (`[DONE]` skipped). An error event, an upstream error
 * status or a failed forward is thrown from the iteration; leaving the loop early closes the
 * sink, which aborts the upstream call.
 *
 * @example
 * const sink = new EventStreamSink()
 * const result = client.forward({ api: 'openai-chat', body, sink })
 * for await (const event of sink) console.log(event)
 */
export class EventStreamSink
  extends EventEmitter
  implements ResponseSink, AsyncIterable<Record<string, unknown>>
{
  status = 0
  headers: FlatHeaders = []
  destroyed = false
  private readonly queue: Record<string, unknown>[] = []
  private readonly errorChunks: Buffer[] = []
  private ended = false
  private failure: Error | undefined = undefined
  private needsDrain = false
  private wake: (() => void) | undefined = undefined
  private readonly scanner = new SseScanner((event, data) => this.onEvent(event, data))

  writeHead(status: number, headers: FlatHeaders): this {
    this.status = status
    this.headers = headers
    return this
  }

  write(chunk: Uint8Array | string): boolean {
    const bytes =
      typeof chunk === 'string'
        ? Buffer.from(chunk)
        : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length)
    if (this.status >= 300) this.errorChunks.push(bytes)
    else this.scanner.push(bytes)
    this.notify()
    this.needsDrain = this.queue.length >= highWater
    return !this.needsDrain
  }

  end(chunk?: Uint8Array | string): this {
    if (chunk !== undefined) this.write(chunk)
    if (this.status >= 300)
      this.fail(toUpstreamError(this.status, this.headers, Buffer.concat(this.errorChunks)))
    this.ended = true
    this.notify()
    return this
  }

  destroy(error?: Error): this {
    if (this.destroyed) return this
    this.destroyed = true
    if (error !== undefined) this.fail(error)
    this.emit('close')
    this.notify()
    return this
  }

  /** Ends the iteration with `error` (e.g. the forward itself failed). */
  fail(error: Error): void {
    this.failure ??= error
    this.notify()
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Record<string, unknown>> {
    try {
      for (;;) {
        const next = this.queue.shift()
        if (next !== undefined) {
          if (this.needsDrain && this.queue.length < highWater / 2) {
            this.needsDrain = false
            this.emit('drain')
          }
          yield next
          continue
        }
        if (this.failure !== undefined) throw this.failure
        if (this.ended || this.destroyed) return
        await new Promise<void>((resolve) => {
          this.wake = resolve
        })
      }
    } finally {
      if (!this.ended) this.destroy()
    }
  }

  private onEvent(event: string | undefined, data: string): boolean {
    if (data === '[DONE]') return false
    const parsed = parseJsonSafely(data)
    const error = objectField(parsed, 'error')
    if (event === 'error' || error !== undefined) {
      const message = (error ?? (parsed as Record<string, unknown> | undefined))?.message
      const text = typeof message === 'string' ? message : 'The provider stream failed'
      this.fail(new GatewayError('provider_error', text, { meta: { upstream: parsed ?? data } }))
    } else if (typeof parsed === 'object' && parsed !== null) {
      this.queue.push(parsed as Record<string, unknown>)
    }
    return false
  }

  private notify(): void {
    const wake = this.wake
    this.wake = undefined
    wake?.()
  }
}
