// Translates a streamed response event by event, from the provider's wire to the client's.
import type { CanonicalStreamPart, CanonicalUsage } from '../canonical/types.js'
import { targetCodecs, wireCodecs } from './codecs.js'
import { formatSse } from './sse.js'
import type { SseEvent } from './stream-types.js'
import { toCanonicalError } from './translate-response.js'
import type { ClientWire, TargetWire } from './wire.js'

/** Options for {@link createStreamTranslator}. */
export interface StreamTranslatorOptions {
  /** The provider's wire (the shape of the events pushed). */
  from: TargetWire
  /** The client's wire (the shape of the text returned). */
  to: ClientWire
  /** OpenAI Chat clients only: whether they asked for the usage chunk (`stream_options.include_usage`). */
  includeUsage: boolean
  /** The model the client asked for; used until the provider names one. */
  requestModel: string
  /** Unix milliseconds for generated ids and `created` fields. Default `Date.now`. */
  now?: () => number
  /**
   * Anthropic clients: input tokens for `message_start` when the upstream reports none before
   * its end (a local tokenizer's count); the exact count still comes in `message_delta`.
   */
  inputTokensEstimate?: number
}

/** A stateful translator for one stream; every method returns SSE text to write at once. */
export interface StreamTranslator {
  /** Feeds one upstream SSE event; returns what to send now (possibly `''`). */
  push(event: SseEvent): string
  /**
   * Feeds one event already parsed from a binary framing (Bedrock's event stream): its name
   * (`:event-type`, or `:exception-type`) and JSON payload.
   */
  pushEvent(name: string, payload: unknown): string
  /** The upstream ended; returns the closing text (an error event when it ended early). */
  end(): string
  /** The upstream failed mid-stream; returns the client wire's error event. */
  error(error: unknown): string
  /** Usage of the decoded `finish` part; undefined until then, and for same-wire streams (not decoded). */
  readonly usage: CanonicalUsage | undefined
  /** Message of the first error the upstream stream carried (or its early end), once decoded. */
  readonly upstreamError: string | undefined
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
    ...(options.inputTokensEstimate === undefined
      ? {}
      : { inputTokensEstimate: options.inputTokensEstimate }),
  })
  const error = (cause: unknown) => encoder.encode({ type: 'error', ...toCanonicalError(cause) })
  if (options.from === options.to) {
    return {
      push: (event) => formatSse(event.event, event.data),
      pushEvent: (name, payload) => formatSse(name, payload),
      end: () => '',
      error,
      usage: undefined,
      upstreamError: undefined,
    }
  }
  const decoder = targetCodecs[options.from].createStreamDecoder()
  const translator = {
    usage: undefined as CanonicalUsage | undefined,
    upstreamError: undefined as string | undefined,
    push: (event: SseEvent) => encodeAll(decoder.push(event)),
    pushEvent: (name: string, payload: unknown) =>
      encodeAll(
        decoder.pushEvent?.(name, payload) ?? decoder.push({ event: name, data: JSON.stringify(payload) }),
      ),
    end: () => encodeAll(decoder.end()),
    error,
  }
  function encodeAll(parts: CanonicalStreamPart[]): string {
    let text = ''
    for (const part of parts) {
      if (part.type === 'finish') translator.usage = part.usage
      else if (part.type === 'error') translator.upstreamError ??= part.message
      text += encoder.encode(part)
    }
    return text
  }
  return translator
}
