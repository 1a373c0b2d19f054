// One same-shape upstream call: pipes a 2xx response into the sink byte for byte, observing usage on the side.
import type { IncomingHttpHeaders } from 'node:http'
import type { ClientApi } from '../spec/client-api.js'
import type { ProviderAdapter } from '../spec/provider-adapter.js'
import { SseScanner } from '../utils/sse-scanner.js'
import { readUsageJson, TailBuffer } from '../utils/usage-tail.js'
import { AttemptHandler, dispatchAttempt } from './attempt-handler.js'
import type { AttemptInput, AttemptOutcome } from './attempt-types.js'
import { formatStreamError } from './stream-error-event.js'

const apisWithoutUsage = new Set<ClientApi>(['openai-models', 'anthropic-count-tokens'])

/** A same-shape attempt: the adapter speaks the client's API. */
export interface PassthroughAttemptInput extends AttemptInput {
  adapter: ProviderAdapter
}

class PassthroughHandler extends AttemptHandler {
  private tail: TailBuffer | undefined = undefined

  // runPassthroughAttempt only takes same-shape inputs; a cast keeps the constructor the base's.
  private get adapter(): ProviderAdapter {
    return (this.input as PassthroughAttemptInput).adapter
  }

  protected startBody(headers: IncomingHttpHeaders): void {
    const contentType = headers['content-type']
    if (typeof contentType === 'string' && contentType.startsWith('text/event-stream')) {
      const observer = this.adapter.createStreamObserver(this.input.api)
      this.observer = observer
      this.scanner = new SseScanner((event, data) => observer.observe(event, data))
    } else if (!apisWithoutUsage.has(this.input.api)) {
      this.tail = new TailBuffer()
    }
  }

  protected onBodyData(chunk: Buffer): void {
    if (!this.headWritten) this.writeHead(this.input.stripUsageChunk)
    const scanner = this.scanner
    if (scanner === undefined) {
      this.write(chunk)
      this.tail?.push(chunk)
    } else if (this.input.stripUsageChunk) {
      scanner.pushGated(chunk, this.write)
    } else {
      this.write(chunk)
      scanner.push(chunk)
    }
  }

  protected onBodyEnd(): void {
    if (!this.headWritten) this.writeHead(this.input.stripUsageChunk)
    if (this.input.stripUsageChunk) this.scanner?.flushHeld(this.write)
    this.input.sink.end()
    this.settle(this.sentOutcome(undefined))
  }

  protected breakOff(error: Error, message: string): void {
    const scanner = this.scanner
    if (scanner === undefined) {
      // A JSON body cannot carry an error once started: cut the connection so the client sees one.
      this.input.sink.destroy(error)
      return
    }
    if (this.input.stripUsageChunk) scanner.discardHeld()
    const prefix = !this.input.stripUsageChunk && scanner.midEvent ? '\n\n' : ''
    this.input.sink.end(prefix + formatStreamError(this.input.api, message))
  }

  protected sentOutcome(streamError: string | undefined): AttemptOutcome {
    const usageJson = this.tail === undefined ? undefined : readUsageJson(this.tail.bytes())
    const usage =
      this.observer?.usage ??
      (usageJson === undefined ? undefined : this.adapter.readUsage(this.input.api, usageJson))
    return {
      kind: 'sent',
      status: this.status,
      ttfbMs: this.ttfbMs,
      usage,
      streamed: this.scanner !== undefined,
      streamError: streamError ?? this.observer?.error,
    }
  }
}

/**
 * Runs one same-shape upstream call and resolves once it ended: a 2xx response is piped into
 * the sink as it arrives (headers deferred to the first body byte); other statuses are buffered
 * for the fallback walker to return or discard.
 */
export function runPassthroughAttempt(input: PassthroughAttemptInput): Promise<AttemptOutcome> {
  return dispatchAttempt(input, (resolve) => new PassthroughHandler(input, resolve))
}
