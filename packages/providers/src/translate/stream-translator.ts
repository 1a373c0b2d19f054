// Translates a streamed response event by event, from the provider's wire to the client's.
import { wireCodecs } from './codecs.js'
import { formatSse } from './sse.js'
import type { SseEvent } from './stream-types.js'
import { toCanonicalError } from './translate-response.js'
import type { ClientWire } from './wire.js'

/** Options for {@link createStreamTranslator}. */
export interface StreamTranslatorOptions {
  /** The provider's wire (the shape of the events pushed). */
  from: ClientWire
  /** The client's wire (the shape of the text returned). */
  to: ClientWire
  /** OpenAI Chat clients only: whether they asked for the usage chunk (`stream_options.include_usage`). */
  includeUsage: boolean
  /** The model the client asked for; used until the provider names one. */
  requestModel: string
  /** Unix milliseconds for generated ids and `created` fields. Default `Date.now`. */
  now?: () => number
}

/** A stateful translator for one stream; every method returns SSE text to write at once. */
export interface StreamTranslator {
  /** Feeds one upstream SSE event; returns what to send now (possibly `''`). */
  push(event: SseEvent): string
  /** The upstream ended; returns the closing text (an error event when it ended early). */
  end(): string
  /** The upstream failed mid-stream; returns the client wire's error event. */
  error(error: unknown): string
}

/**
 * Creates a translator for one stream. Nothing is buffered: each pushed event yields its output
 * immediately, so the first upstream event produces the client's first bytes.
 *
 * @example
 * const translator = createStreamTranslator({ from: 'anthropic-messages', to: 'openai-chat', includeUsage: true, requestModel: 'gpt-4o' })
 * response.write(translator.push({ event: 'message_start', data }))
 */
export function createStreamTranslator(options: StreamTranslatorOptions): StreamTranslator {
  const encoder = wireCodecs[options.to].createStreamEncoder({
    requestModel: options.requestModel,
    includeUsage: options.includeUsage,
    ...(options.now === undefined ? {} : { now: options.now }),
  })
  if (options.from === options.to) {
    return {
      push: (event) => formatSse(event.event, event.data),
      end: () => '',
      error: (error) => encoder.encode({ type: 'error', ...toCanonicalError(error) }),
    }
  }
  const decoder = wireCodecs[options.from].createStreamDecoder()
  const encodeAll = (parts: ReturnType<typeof decoder.push>): string =>
    parts.map((part) => encoder.encode(part)).join('')
  return {
    push: (event) => encodeAll(decoder.push(event)),
    end: () => encodeAll(decoder.end()),
    error: (error) => encoder.encode({ type: 'error', ...toCanonicalError(error) }),
  }
}
