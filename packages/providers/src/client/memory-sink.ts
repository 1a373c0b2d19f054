// A response sink that collects a whole (non-streaming) response in memory, for `client.chat()`.
import { EventEmitter } from 'node:events'
import type { ResponseSink } from '../dispatch/dispatch-types.js'
import type { FlatHeaders } from '../utils/http-headers.js'

/**
 * Collects status, headers and body; `done` settles when the response ends (or is cut).
 *
 * @example
 * const sink = new MemorySink()
 * await client.forward({ api: 'openai-chat', body, sink })
 * await sink.done
 * sink.body().toString()
 */
export class MemorySink extends EventEmitter implements ResponseSink {
  status = 0
  headers: FlatHeaders = []
  destroyed = false
  readonly done: Promise<void>
  private chunks: Buffer[] = []
  private settle!: (error?: Error) => void

  constructor() {
    super()
    this.done = new Promise<void>((resolve, reject) => {
      this.settle = (error) => (error === undefined ? resolve() : reject(error))
    })
    this.done.catch(() => {})
  }

  writeHead(status: number, headers: FlatHeaders): this {
    this.status = status
    this.headers = headers
    return this
  }

  write(chunk: Uint8Array | string): boolean {
    this.chunks.push(
      typeof chunk === 'string'
        ? Buffer.from(chunk)
        : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length),
    )
    return true
  }

  end(chunk?: Uint8Array | string): this {
    if (chunk !== undefined) this.write(chunk)
    this.settle()
    return this
  }

  destroy(error?: Error): this {
    this.destroyed = true
    this.settle(error ?? new Error('response destroyed'))
    this.emit('close')
    return this
  }

  body(): Buffer {
    return Buffer.concat(this.chunks)
  }
}
