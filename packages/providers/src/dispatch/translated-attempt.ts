// One cross-shape upstream call: the provider's answer is translated into the client's wire on the way.
import type { IncomingHttpHeaders } from 'node:http'
import type { Usage } from '../spec/usage.js'
import { createStreamTranslator, type StreamTranslator } from '../translate/stream-translator.js'
import { translateError, translateResponse } from '../translate/translate-response.js'
import type { ClientWire } from '../translate/wire.js'
import { objectField, parseJsonSafely } from '../utils/json-fields.js'
import { SseScanner } from '../utils/sse-scanner.js'
import { AttemptHandler, dispatchAttempt } from './attempt-handler.js'
import type { AttemptInput, AttemptOutcome } from './attempt-types.js'

/** What a translated attempt adds to {@link AttemptInput}. */
export interface TranslatedAttemptInput extends AttemptInput {
  /** The client's wire (`input.api` as a wire). */
  clientWire: ClientWire
  /** The wire the provider is called with. */
  upstreamWire: ClientWire
  /** The model the client asked for, named in translated answers until the provider names one. */
  requestModel: string
  /** OpenAI Chat clients: whether they asked for the usage chunk. */
  includeUsage: boolean
}

/** Whole JSON answers are translated at once; past this size the attempt fails instead. */
const maxJsonBytes = 32 * 1024 * 1024

class TranslatedHandler extends AttemptHandler {
  private translator: StreamTranslator | undefined = undefined
  private chunks: Buffer[] = []
  private bytes = 0
  private jsonUsage: Usage | undefined = undefined

  constructor(
    private readonly translated: TranslatedAttemptInput,
    resolve: (outcome: AttemptOutcome) => void,
  ) {
    super(translated, resolve)
  }

  protected startBody(headers: IncomingHttpHeaders): void {
    const contentType = headers['content-type']
    if (typeof contentType !== 'string' || !contentType.startsWith('text/event-stream')) return
    const { upstreamWire, clientWire, requestModel, includeUsage } = this.translated
    const observer = this.input.adapter.createStreamObserver(upstreamWire)
    const translator = createStreamTranslator({
      from: upstreamWire,
      to: clientWire,
      includeUsage,
      requestModel,
    })
    this.observer = observer
    this.translator = translator
    this.scanner = new SseScanner((event, data) => {
      observer.observe(event, data)
      this.emit(translator.push(event === undefined ? { data } : { event, data }))
      return false
    })
  }

  protected onBodyData(chunk: Buffer): void {
    if (this.scanner !== undefined) {
      this.scanner.push(chunk)
      return
    }
    this.bytes += chunk.length
    if (this.bytes > maxJsonBytes) this.controller?.abort(new Error('upstream answer too large to translate'))
    else this.chunks.push(chunk)
  }

  protected onBodyEnd(): void {
    if (this.translator !== undefined) {
      this.emit(this.translator.end())
      if (!this.headWritten) this.writeHead(true)
      this.input.sink.end()
      this.settle(this.sentOutcome(undefined))
      return
    }
    const parsed = parseJsonSafely(Buffer.concat(this.chunks, this.bytes).toString('utf8'))
    if (typeof parsed !== 'object' || parsed === null) {
      this.settle({ kind: 'network-error', error: new Error('upstream answer is not JSON'), timeout: false })
      return
    }
    const { upstreamWire, clientWire, requestModel } = this.translated
    const body = translateResponse({ from: upstreamWire, to: clientWire, body: parsed, requestModel })
    const usage = objectField(parsed, 'usage')
    this.jsonUsage = usage === undefined ? undefined : this.input.adapter.readUsage(upstreamWire, usage)
    this.headers = { ...this.headers, 'content-type': 'application/json' }
    this.writeHead(true)
    this.input.sink.end(JSON.stringify(body))
    this.settle(this.sentOutcome(undefined))
  }

  protected breakOff(error: Error): void {
    if (this.translator === undefined) {
      this.input.sink.destroy(error)
      return
    }
    this.input.sink.end(this.translator.error(error))
  }

  protected sentOutcome(streamError: string | undefined): AttemptOutcome {
    return {
      kind: 'sent',
      status: this.status,
      ttfbMs: this.ttfbMs,
      usage: this.observer?.usage ?? this.jsonUsage,
      streamed: this.scanner !== undefined,
      streamError: streamError ?? this.observer?.error,
    }
  }

  protected override errorOutcome(body: Buffer): AttemptOutcome {
    const { upstreamWire, clientWire } = this.translated
    const text = body.toString('utf8')
    const envelope = translateError({
      from: upstreamWire,
      to: clientWire,
      body: parseJsonSafely(text) ?? text,
      status: this.status,
    })
    const { 'content-length': _length, ...headers } = this.headers
    headers['content-type'] = 'application/json'
    return {
      kind: 'http-error',
      status: this.status,
      ttfbMs: this.ttfbMs,
      headers,
      body: Buffer.from(JSON.stringify(envelope)),
    }
  }

  /** Writes translated SSE text, opening the response on its first non-empty piece. */
  private emit(text: string): void {
    if (text === '') return
    if (!this.headWritten) this.writeHead(true)
    this.write(text)
  }
}

/**
 * Runs one cross-shape upstream call: 2xx streams are translated event by event as they arrive
 * (nothing buffered), JSON answers once whole, error answers into the client's error envelope.
 */
export function runTranslatedAttempt(input: TranslatedAttemptInput): Promise<AttemptOutcome> {
  return dispatchAttempt(input, (resolve) => new TranslatedHandler(input, resolve))
}
