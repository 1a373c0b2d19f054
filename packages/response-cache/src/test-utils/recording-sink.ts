// Test helper: a response sink that records the head and every write separately.
import { EventEmitter } from 'node:events'
import type { FlatHeaders, ResponseSink } from '@gw/providers/internal'

/** Records status, headers and each write (as text), for asserting event boundaries. */
export class RecordingSink extends EventEmitter implements ResponseSink {
  status = 0
  headers: FlatHeaders = []
  writes: string[] = []
  ended = false
  destroyed = false

  writeHead(status: number, headers: FlatHeaders): this {
    this.status = status
    this.headers = headers
    return this
  }

  write(chunk: Uint8Array | string): boolean {
    this.writes.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString())
    return true
  }

  end(chunk?: Uint8Array | string): this {
    if (chunk !== undefined) this.write(chunk)
    this.ended = true
    return this
  }

  destroy(): this {
    this.destroyed = true
    this.emit('close')
    return this
  }

  header(name: string): string | undefined {
    const at = this.headers.indexOf(name)
    return at === -1 ? undefined : String(this.headers[at + 1])
  }

  get text(): string {
    return this.writes.join('')
  }
}
