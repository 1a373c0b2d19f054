// Incremental decoder of `application/vnd.amazon.eventstream` bodies: frames split across TCP chunks reassemble.
import { GatewayError } from '@gw/contract'
import type { EventStreamCodec, MessageHeaders } from '@smithy/eventstream-codec'

/** One decoded frame. */
export interface EventStreamMessage {
  /** `:event-type` of `event` frames (`messageStart`, `contentBlockDelta`, `chunk`…). */
  eventType?: string
  /** `:message-type`: `event`, `exception` or `error`. */
  messageType: string
  /** `:exception-type` of `exception` frames, or `:error-code` of `error` frames. */
  exceptionType?: string
  /** The JSON payload, parsed; `{ message }` for `error` frames; the raw text when not JSON. */
  payload: unknown
}

/** Options of {@link createEventStreamDecoder}. */
export interface EventStreamDecoderOptions {
  /** Largest frame accepted, in bytes. Default 16 MiB; a larger declared length fails the stream. */
  maxFrameBytes?: number
}

/** Feeds body chunks in, gets whole frames out. */
export interface EventStreamDecoder {
  /** Decodes every frame the chunk completes; throws `provider_error` on a corrupt or oversized frame. */
  push(chunk: Uint8Array): EventStreamMessage[]
  /** The body ended: throws `provider_error` if it stopped inside a frame. */
  end(): void
  /** Bytes held for an incomplete frame. */
  readonly pendingBytes: number
}

/** Prelude (total length, headers length, prelude CRC) plus the message CRC. */
const frameOverheadBytes = 16
const defaultMaxFrameBytes = 16 * 1024 * 1024

let codec: EventStreamCodec | undefined
let loading: Promise<void> | undefined

/**
 * Loads the codec (the AWS libraries load on first use, not at import). Bedrock signing awaits
 * it, so it is always ready before a Bedrock response is decoded.
 *
 * @example
 * await loadEventStreamCodec()
 * const decoder = createEventStreamDecoder()
 */
export function loadEventStreamCodec(): Promise<void> {
  loading ??= Promise.all([import('@smithy/eventstream-codec'), import('@smithy/util-utf8')]).then(
    ([{ EventStreamCodec }, { fromUtf8, toUtf8 }]) => {
      codec = new EventStreamCodec(toUtf8, fromUtf8)
    },
  )
  return loading
}
const textDecoder = new TextDecoder()

/**
 * Creates a decoder for one response body. Only the incomplete tail is kept between chunks, as a
 * list until the frame is whole (no re-copy per chunk), so memory stays bounded by one frame.
 *
 * @example
 * const decoder = createEventStreamDecoder()
 * for await (const chunk of body) for (const message of decoder.push(chunk)) handle(message)
 * decoder.end()
 */
export function createEventStreamDecoder(options: EventStreamDecoderOptions = {}): EventStreamDecoder {
  if (codec === undefined) {
    throw new Error(
      'createEventStreamDecoder: await loadEventStreamCodec() first (the AWS codec loads lazily)',
    )
  }
  const frameCodec = codec
  const maxFrameBytes = options.maxFrameBytes ?? defaultMaxFrameBytes
  let pending: Uint8Array[] = []
  let pendingBytes = 0
  let failed = false

  function fail(message: string, cause?: unknown): never {
    failed = true
    pending = []
    pendingBytes = 0
    throw new GatewayError('provider_error', `Bedrock event stream: ${message}`, { cause })
  }

  // Joins the held chunks into one buffer (only once a frame is whole, or to read a split prelude).
  function coalesce(): Uint8Array {
    if (pending.length > 1) pending = [Buffer.concat(pending, pendingBytes)]
    return pending[0]!
  }

  return {
    get pendingBytes() {
      return pendingBytes
    },
    push(chunk) {
      if (failed) fail('the stream already failed')
      if (chunk.byteLength === 0) return []
      pending.push(chunk)
      pendingBytes += chunk.byteLength
      const messages: EventStreamMessage[] = []
      while (pendingBytes >= 4) {
        const head = pending[0]!.byteLength < 4 ? coalesce() : pending[0]!
        const length = new DataView(head.buffer, head.byteOffset, 4).getUint32(0)
        if (length < frameOverheadBytes) fail(`frame length ${length} is shorter than a frame's overhead`)
        if (length > maxFrameBytes) fail(`frame of ${length} bytes exceeds the ${maxFrameBytes}-byte limit`)
        if (pendingBytes < length) break
        const buffer = coalesce()
        pending = buffer.byteLength > length ? [buffer.subarray(length)] : []
        pendingBytes -= length
        messages.push(decodeFrame(frameCodec, buffer.subarray(0, length), fail))
      }
      return messages
    },
    end() {
      if (!failed && pendingBytes > 0) fail(`the body ended inside a frame (${pendingBytes} bytes left)`)
    },
  }
}

function decodeFrame(
  frameCodec: EventStreamCodec,
  frame: Uint8Array,
  fail: (message: string, cause?: unknown) => never,
): EventStreamMessage {
  let decoded: { headers: MessageHeaders; body: Uint8Array }
  try {
    decoded = frameCodec.decode(frame)
  } catch (error) {
    return fail('a frame failed its checksum or is malformed', error)
  }
  const header = (name: string) => {
    const value = decoded.headers[name]
    return value?.type === 'string' ? value.value : undefined
  }
  const messageType = header(':message-type') ?? 'event'
  const text = textDecoder.decode(decoded.body)
  const message: EventStreamMessage = { messageType, payload: parsePayload(text) }
  const eventType = header(':event-type')
  if (eventType !== undefined) message.eventType = eventType
  const exceptionType = header(':exception-type') ?? header(':error-code')
  if (exceptionType !== undefined) message.exceptionType = exceptionType
  if (messageType === 'error') message.payload = { message: header(':error-message') ?? text }
  return message
}

function parsePayload(text: string): unknown {
  if (text === '') return {}
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}
