// One cross-shape upstream call: the provider's answer is translated into the client's wire on the way.
import type { IncomingHttpHeaders } from 'node:http'
import {
  createEventStreamDecoder,
  type EventStreamDecoder,
  type EventStreamMessage,
} from '../bedrock/event-stream-decoder.js'
import { decodeInvokeStreamEvent } from '../bedrock/invoke-anthropic.js'
import type { Usage } from '../spec/usage.js'
import { wireCodecs } from '../translate/codecs.js'
import { createStreamTranslator, type StreamTranslator } from '../translate/stream-translator.js'
import { translateResponse } from '../translate/translate-response.js'
import { parseJsonSafely } from '../utils/json-fields.js'
import { SseScanner } from '../utils/sse-scanner.js'
import { AttemptHandler, dispatchAttempt } from './attempt-handler.js'
import type { AttemptInput, AttemptOutcome } from './attempt-types.js'
import type { Translation } from './prepare-attempt.js'
import {
  createCodecObserver,
  readCodecUsage,
  type UpstreamWireProfile,
  upstreamWireProfiles,
} from './upstream-wires.js'

/** What a translated attempt adds to {@link AttemptInput}. */
export interface TranslatedAttemptInput extends AttemptInput, Translation {
  /** The model the client asked for, named in translated answers until the provider names one. */
  requestModel: string
  /** Anthropic stream clients: the local input-token estimate for `message_start`. */
  inputTokensEstimate?: number | undefined
}

/** Whole JSON answers are translated at once; past this size the attempt fails instead. */
const maxJsonBytes = 32 * 1024 * 1024

const eventStreamType = 'application/vnd.amazon.eventstream'

const requestIdHeaders = ['x-request-id', 'request-id'] as const

function startsWith(value: string | string[] | undefined, prefix: string): boolean {
  return typeof value === 'string' && value.startsWith(prefix)
}

// A frame that is not an event names its exception (or, for `error` frames, an error code).
function frameName(message: EventStreamMessage): string {
  if (message.messageType === 'event') return message.eventType ?? ''
  const type = message.exceptionType ?? ''
  return /exception$/i.test(type) ? type : 'internalServerException'
}

class TranslatedHandler extends AttemptHandler {
  private readonly profile: UpstreamWireProfile
  private translator: StreamTranslator | undefined = undefined
  private frames: EventStreamDecoder | undefined = undefined
  private chunks: Buffer[] = []
  private bytes = 0
  private jsonUsage: Usage | undefined = undefined

  constructor(
    private readonly translated: TranslatedAttemptInput,
    resolve: (outcome: AttemptOutcome) => void,
  ) {
    super(translated, resolve)
    this.profile = upstreamWireProfiles[translated.upstreamWire]
  }

  protected startBody(headers: IncomingHttpHeaders): void {
    const contentType = headers['content-type']
    const framed = this.profile.framing !== 'sse' && startsWith(contentType, eventStreamType)
    if (!framed && !startsWith(contentType, 'text/event-stream')) return
    const { clientWire, requestModel, includeUsage, inputTokensEstimate } = this.translated
    const codec = this.profile.codec
    const translator = createStreamTranslator({
      from: codec,
      to: clientWire,
      includeUsage,
      requestModel,
      ...(inputTokensEstimate === undefined ? {} : { inputTokensEstimate }),
    })
    const observer = createCodecObserver(codec)
    this.observer = observer
    this.translator = translator
    if (framed) {
      this.frames = createEventStreamDecoder()
      this.headers = { ...headers, 'content-type': 'text/event-stream; charset=utf-8' }
      return
    }
    this.scanner = new SseScanner((event, data) => {
      observer?.observe(event, data)
      this.emit(translator.push(event === undefined ? { data } : { event, data }))
      return false
    })
  }

  protected onBodyData(chunk: Buffer): void {
    if (this.scanner !== undefined) {
      this.scanner.push(chunk)
      return
    }
    if (this.frames !== undefined) {
      let messages: EventStreamMessage[]
      try {
        messages = this.frames.push(chunk)
      } catch (error) {
        this.controller?.abort(error as Error)
        return
      }
      for (const message of messages) this.onFrame(message)
      return
    }
    this.bytes += chunk.length
    if (this.bytes > maxJsonBytes) this.controller?.abort(new Error('upstream answer too large to translate'))
    else this.chunks.push(chunk)
  }

  private onFrame(message: EventStreamMessage): void {
    const translator = this.translator as StreamTranslator
    if (this.profile.framing === 'converse') {
      this.emit(translator.pushEvent(frameName(message), message.payload))
      return
    }
    const event = decodeInvokeStreamEvent(message)
    if (event === undefined) return
    this.observer?.observe(event.event, event.data)
    this.emit(translator.push(event))
  }

  protected onBodyEnd(): void {
    if (this.translator !== undefined) {
      let cutShort: string | undefined
      try {
        this.frames?.end()
      } catch (error) {
        cutShort = (error as Error).message
      }
      this.emit(cutShort === undefined ? this.translator.end() : this.translator.error(new Error(cutShort)))
      if (!this.headWritten) this.writeHead(true)
      this.input.sink.end()
      this.settle(this.sentOutcome(cutShort))
      return
    }
    const raw = Buffer.concat(this.chunks, this.bytes)
    const parsed = parseJsonSafely(raw.toString('utf8'))
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      this.settle({ kind: 'network-error', error: new Error('upstream answer is not JSON'), timeout: false })
      return
    }
    const { clientWire, requestModel } = this.translated
    const codec = this.profile.codec
    const body = parsed as Record<string, unknown>
    this.jsonUsage = readCodecUsage(codec, body)
    this.headers = { ...this.headers, 'content-type': 'application/json' }
    this.writeHead(true)
    // An answer already in the client's wire (Anthropic on Bedrock or Vertex) goes out as received.
    this.input.sink.end(
      codec === clientWire
        ? raw
        : JSON.stringify(translateResponse({ from: codec, to: clientWire, body, requestModel })),
    )
    this.settle(this.sentOutcome(undefined))
  }

  protected breakOff(error: Error): void {
    if (this.translator === undefined) {
      this.input.sink.destroy(error)
      return
    }
    this.input.sink.end(this.translator.error(error))
  }

  protected override isStream(): boolean {
    return this.translator !== undefined
  }

  protected sentOutcome(streamError: string | undefined): AttemptOutcome {
    return {
      kind: 'sent',
      status: this.status,
      ttfbMs: this.ttfbMs,
      usage: this.observer?.usage ?? this.translator?.usage ?? this.jsonUsage,
      streamed: this.translator !== undefined,
      streamError: streamError ?? this.observer?.error ?? this.translator?.upstreamError,
    }
  }

  protected override errorOutcome(body: Buffer): AttemptOutcome {
    const text = body.toString('utf8')
    const error = this.profile.decodeError(parseJsonSafely(text) ?? text, this.status, this.headers)
    const envelope = wireCodecs[this.translated.clientWire].encodeError(error)
    const { 'content-length': _length, ...headers } = this.headers
    headers['content-type'] = 'application/json'
    // The forwarder writes a failed attempt's headers itself: keep the gateway's request ids on it.
    for (const name of requestIdHeaders) {
      const value = this.input.extraHeaders[name]
      if (value !== undefined) headers[name] = value
    }
    return {
      kind: 'http-error',
      status: error.status ?? this.status,
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
 * Runs one cross-shape upstream call: 2xx streams (SSE, or AWS event-stream frames) are
 * translated event by event as they arrive (nothing buffered), JSON answers once whole, error
 * answers into the client's error envelope with the status the provider's error type maps to.
 */
export function runTranslatedAttempt(input: TranslatedAttemptInput): Promise<AttemptOutcome> {
  return dispatchAttempt(input, (resolve) => new TranslatedHandler(input, resolve))
}
