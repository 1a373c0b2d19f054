// The response sink of a governed key: adds its headers, holds a complete response for the post check, guards streams.
import type { ResponseSink } from '@gw/providers'
import { type PostCheckOptions, writeCheckedResponse } from './buffered-post-check.js'
import type { StreamGuard } from './stream-guard.js'

type FlatHeaders = Parameters<ResponseSink['writeHead']>[1]

function isEventStream(headers: FlatHeaders): boolean {
  for (let i = 0; i < headers.length; i += 2) {
    if (String(headers[i]).toLowerCase() === 'content-type')
      return String(headers[i + 1]).startsWith('text/event-stream')
  }
  return false
}

/** Options of {@link GovernedSink}. */
export interface GovernedSinkOptions {
  extraHeaders: FlatHeaders
  /** Present when the key has post guardrails: complete responses are held and checked. */
  post: Omit<PostCheckOptions, 'extraHeaders'> | undefined
  /** Builds the guard of an event stream; undefined → streams pass through. */
  createStreamGuard: ((sink: ResponseSink) => StreamGuard) | undefined
}

/**
 * Wraps the route's sink for `providers.forward`. Error answers (status ≥ 400) and keys without
 * response guardrails pass through with the extra headers; a complete 2xx response is held for
 * the post check; an event stream goes through a {@link StreamGuard}. The route awaits
 * {@link GovernedSink.settled} before it finishes the response.
 *
 * @example
 * const governed = new GovernedSink(sink, options)
 * await dispatch(…, { sink: governed }); await governed.settled()
 */
export class GovernedSink implements ResponseSink {
  readonly #inner: ResponseSink
  readonly #options: GovernedSinkOptions
  #mode: 'pass' | 'hold' | 'stream' = 'pass'
  #status = 0
  #headers: FlatHeaders = []
  #chunks: Buffer[] = []
  #guard: StreamGuard | undefined
  #settled: Promise<void> = Promise.resolve()

  constructor(inner: ResponseSink, options: GovernedSinkOptions) {
    this.#inner = inner
    this.#options = options
  }

  writeHead(status: number, headers: FlatHeaders): this {
    const merged =
      this.#options.extraHeaders.length === 0
        ? headers
        : ([...headers, ...this.#options.extraHeaders] as FlatHeaders)
    if (
      status >= 200 &&
      status < 300 &&
      isEventStream(headers) &&
      this.#options.createStreamGuard !== undefined
    ) {
      this.#mode = 'stream'
      this.#guard = this.#options.createStreamGuard(this.#inner)
    } else if (status >= 200 && status < 300 && !isEventStream(headers) && this.#options.post !== undefined) {
      this.#mode = 'hold'
      this.#status = status
      this.#headers = headers
      return this
    } else {
      this.#mode = 'pass'
    }
    this.#inner.writeHead(status, merged)
    return this
  }

  write(chunk: Uint8Array | string): boolean {
    if (this.#mode === 'pass') return this.#inner.write(chunk)
    if (this.#mode === 'stream') {
      this.#guard!.push(chunk)
      return this.#guard!.writable
    }
    this.#chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk))
    return true
  }

  end(chunk?: Uint8Array | string): this {
    if (this.#mode === 'pass') {
      this.#inner.end(chunk)
    } else if (this.#mode === 'stream') {
      this.#settled = this.#guard!.end(chunk)
    } else {
      if (chunk !== undefined) this.write(chunk)
      const held = { status: this.#status, headers: this.#headers, body: Buffer.concat(this.#chunks) }
      this.#chunks = []
      this.#settled = writeCheckedResponse(this.#inner, held, {
        ...this.#options.post!,
        extraHeaders: this.#options.extraHeaders,
      })
    }
    return this
  }

  /** Resolves when the checked response has been written to the inner sink. */
  settled(): Promise<void> {
    return this.#settled
  }

  on(event: 'close' | 'drain', listener: () => void): this {
    this.#inner.on(event, listener)
    return this
  }

  once(event: 'drain', listener: () => void): this {
    this.#inner.once(event, listener)
    return this
  }

  removeListener(event: 'close' | 'drain', listener: () => void): this {
    this.#inner.removeListener(event, listener)
    return this
  }

  destroy(error?: Error): this {
    this.#inner.destroy(error)
    return this
  }

  get destroyed(): boolean {
    return this.#inner.destroyed
  }
}
