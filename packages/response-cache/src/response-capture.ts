// A response sink that passes everything through and keeps a copy of the answer for the cache.
import type { ClientWire, FlatHeaders, ForwardResult, ResponseSink } from '@gw/providers/internal'
import type { CachedResponse } from './cached-response.js'
import { EventBoundaries } from './event-boundaries.js'
import { isCompleteStream } from './stream-complete.js'

/** Options of {@link ResponseCapture}. */
export interface ResponseCaptureOptions {
  /** The client's wire (the shape of the bytes written). */
  wire: ClientWire
  /** Value of `X-LangWatch-Response-Cache` added to the response head (`miss`, `refresh`). */
  label: string
  /** Larger answers are passed through and not kept. */
  maxEntryBytes: number
  /** OpenAI Chat streams: whether the client asked for the usage chunk. */
  includeUsage?: boolean
  /** Clock in ms. Default `Date.now`. */
  now?: () => number
}

function headerValue(headers: FlatHeaders, name: string): string | undefined {
  for (let index = 0; index < headers.length; index += 2) {
    if (String(headers[index]).toLowerCase() !== name) continue
    const value = headers[index + 1]
    return Array.isArray(value) ? value[0] : value
  }
  return undefined
}

/**
 * Wraps the sink dispatch writes to. Status, headers and bytes go through unchanged (plus the
 * `X-LangWatch-Response-Cache` header); a copy of the bytes is kept, with SSE event boundaries
 * for streams, until it outgrows `maxEntryBytes`. {@link ResponseCapture.toEntry} then says
 * what may be stored: only a complete 2xx answer, never an error, a stream cut short or ended by
 * an error event, or an answer the client left.
 *
 * @example
 * const capture = new ResponseCapture(sink, { wire: 'openai-chat', label: 'miss', maxEntryBytes: 1 << 20 })
 * const result = await providers.forward({ …, sink: capture })
 * const entry = capture.toEntry(result); if (entry) await store.set(key, entry, ttlMs)
 */
export class ResponseCapture implements ResponseSink {
  readonly #inner: ResponseSink
  readonly #options: ResponseCaptureOptions
  #status = 0
  #contentType = ''
  #chunks: Buffer[] | undefined = []
  #bytes = 0
  #boundaries: EventBoundaries | undefined
  #ended = false

  constructor(inner: ResponseSink, options: ResponseCaptureOptions) {
    this.#inner = inner
    this.#options = options
  }

  writeHead(status: number, headers: FlatHeaders): unknown {
    this.#status = status
    this.#contentType = headerValue(headers, 'content-type') ?? ''
    if (status < 200 || status >= 300) this.#chunks = undefined
    else if (this.#contentType.startsWith('text/event-stream')) this.#boundaries = new EventBoundaries()
    return this.#inner.writeHead(status, [...headers, 'x-langwatch-response-cache', this.#options.label])
  }

  write(chunk: Uint8Array | string): boolean {
    this.#keep(chunk)
    return this.#inner.write(chunk)
  }

  end(chunk?: Uint8Array | string): unknown {
    if (chunk !== undefined) this.#keep(chunk)
    this.#ended = true
    return this.#inner.end(chunk)
  }

  on(event: 'close' | 'drain', listener: () => void): unknown {
    return this.#inner.on(event, listener)
  }

  once(event: 'drain', listener: () => void): unknown {
    return this.#inner.once(event, listener)
  }

  removeListener(event: 'close' | 'drain', listener: () => void): unknown {
    return this.#inner.removeListener(event, listener)
  }

  destroy(error?: Error): unknown {
    this.#chunks = undefined
    return this.#inner.destroy(error)
  }

  get destroyed(): boolean {
    return this.#inner.destroyed
  }

  #keep(chunk: Uint8Array | string): void {
    if (this.#chunks === undefined) return
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk)
    this.#bytes += bytes.length
    if (this.#bytes > this.#options.maxEntryBytes) {
      this.#chunks = undefined
      return
    }
    this.#chunks.push(bytes)
    this.#boundaries?.push(bytes)
  }

  /**
   * The entry to store for `result`, or undefined when the answer must not be cached: not 2xx,
   * not ended, too large, the client left, the upstream broke off, or a stream without its
   * terminal event.
   */
  toEntry(result: ForwardResult): CachedResponse | undefined {
    const chunks = this.#chunks
    if (chunks === undefined || !this.#ended || this.#status < 200 || this.#status >= 300) return undefined
    if (result.status !== this.#status || result.clientAborted || result.streamError !== undefined)
      return undefined
    const body = Buffer.concat(chunks)
    const { wire } = this.#options
    const meta: CachedResponse['meta'] = {
      wire,
      status: this.#status,
      contentType: this.#contentType,
      providerId: result.providerId,
      model: result.model,
      storedAtMs: (this.#options.now ?? Date.now)(),
    }
    const boundaries = this.#boundaries
    if (boundaries !== undefined) {
      const lengths = boundaries.lengths
      const last = lengths[lengths.length - 1]
      if (
        last === undefined ||
        body
          .subarray(body.length - boundaries.pending)
          .toString()
          .trim() !== ''
      )
        return undefined
      const lastStart = body.length - boundaries.pending - last
      if (!isCompleteStream(wire, body.subarray(lastStart, lastStart + last).toString())) return undefined
      meta.events = [...lengths]
      if (boundaries.pending > 0) meta.events.push(boundaries.pending)
      if (wire === 'openai-chat') meta.includeUsage = this.#options.includeUsage === true
    }
    return { meta, body }
  }
}
