// The incremental stream decoder and encoder shapes every wire implements.
import type { CanonicalError, CanonicalStreamPart } from '../canonical/types.js'

/** One parsed upstream SSE event. */
export interface SseEvent {
  event?: string
  data: string
}

/** Turns one wire's SSE events into canonical parts, keeping only per-stream bookkeeping. */
export interface StreamDecoder {
  push(event: SseEvent): CanonicalStreamPart[]
  /** The upstream closed: flush, or report a stream cut short. */
  end(): CanonicalStreamPart[]
}

/** Turns canonical parts into one wire's SSE text. */
export interface StreamEncoder {
  encode(part: CanonicalStreamPart): string
  /** True once the stream's terminal events were written. */
  readonly done: boolean
}

/** Options every stream encoder takes. */
export interface StreamEncoderOptions {
  /** Model name used until (or if never) the upstream names one. */
  requestModel: string
  /** Unix milliseconds for `created` fields; injectable for tests. Default `Date.now`. */
  now?: () => number
  /** OpenAI Chat only: send the final usage chunk (`stream_options.include_usage`). */
  includeUsage?: boolean
  /** Anthropic only: `message_start.usage.input_tokens` when the start part carries none. */
  inputTokensEstimate?: number
}

/** The canonical error for an upstream stream that stopped before its terminal event. */
export const streamCutShort: CanonicalError = {
  errorType: 'api_error',
  code: 'provider_error',
  message: 'The upstream stream ended before it finished',
}
