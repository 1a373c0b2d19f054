// Reads a request body from the Node request once: size cap after decompression, 413/415/400.
import type { IncomingMessage } from 'node:http'
import type { Transform } from 'node:stream'
import { GatewayError } from '@gw/contract'
import { closeAfterResponse } from './close-after-response.js'
import { selectDecoder } from './content-encoding.js'
import type { DecodeBudget } from './decode-budget.js'
import { firstByteHex, jsonStart } from './json-start.js'
import { findRequestContext } from './request-context.js'

/** Options of {@link readRequestBody}. */
export interface ReadRequestBodyOptions {
  /** Largest body accepted, counted after decompression (SERVER_MAX_REQUEST_BODY_BYTES). */
  maxBytes: number
  /**
   * Shared allowance of bytes being decompressed across requests (SERVER_MAX_DECODING_BYTES);
   * a compressed body that does not fit is refused with 503 `overloaded`. Default: unbounded.
   */
  decodeBudget?: DecodeBudget | undefined
  /**
   * The body must be JSON: a compressed body whose first decoded bytes cannot start a JSON text is
   * refused with 400 `invalid_json` at its first chunk instead of being decoded in full. Default false.
   */
  expectJson?: boolean | undefined
}

/**
 * Reads the whole request body into one Buffer, decoding `Content-Encoding` gzip, deflate, br
 * (and zstd where Node has it). Rejects with a GatewayError: 413 `payload_too_large` as soon
 * as a declared Content-Length or the bytes seen (raw or decoded) pass `maxBytes`, without
 * reading the rest; 415 `unsupported_media_type` for other encodings; 400 `bad_request` for a
 * corrupt encoding or a body cut short. A refused body is never drained: the connection is
 * closed after the error response. Read from `c.env.incoming`, not `c.req` (no web streams).
 *
 * @example
 * app.post('/v1/chat/completions', async (c) => {
 *   const body = await readRequestBody(c.env.incoming, { maxBytes: config.server.maxRequestBodyBytes })
 *   const payload = parseJsonBody(body)
 * })
 */
export function readRequestBody(
  incoming: IncomingMessage,
  { maxBytes, decodeBudget, expectJson = false }: ReadRequestBodyOptions,
): Promise<Buffer> {
  let createDecoder: ReturnType<typeof selectDecoder>
  try {
    createDecoder = selectDecoder(incoming.headers['content-encoding'])
  } catch (error) {
    abandonRequestBody(incoming)
    return Promise.reject(error)
  }
  const declared = incoming.headers['content-length']
  if (declared !== undefined && Number(declared) > maxBytes) {
    abandonRequestBody(incoming)
    return Promise.reject(tooLarge(maxBytes, `declared Content-Length ${declared}`))
  }
  return new Promise((resolve, reject) => {
    const reader = new BodyReader(incoming, maxBytes, decodeBudget, expectJson, resolve, reject)
    reader.start(createDecoder?.({ maxOutputLength: maxBytes + 1 }))
  })
}

const EMPTY_BODY = Buffer.alloc(0)

/**
 * The body of a request Node has already received whole, taken from the stream's buffer in one
 * `read()`: no listeners, no promise, no per-request reader. "Whole" means a declared
 * `Content-Length` whose bytes are all buffered: a request whose headers and body came in one
 * packet (most bodies up to tens of KB) is there one microtask after its handler started (the
 * handler runs inside Node's parser, before the parser pushes the body). Returns undefined (the
 * caller then uses {@link readRequestBody}, which gives every error) when the body is still
 * arriving or chunked, is encoded (`Content-Encoding`: decoding and its caps apply), is larger
 * than `maxBytes`, or the stream was already read, resumed or destroyed.
 *
 * @example
 * const raw = readReceivedBody(incoming, maxBytes) ?? (await readRequestBody(incoming, { maxBytes }))
 */
export function readReceivedBody(incoming: IncomingMessage, maxBytes: number): Buffer | undefined {
  const { headers } = incoming
  const declared = headers['content-length']
  if (declared === undefined || headers['content-encoding'] !== undefined) return undefined
  const length = incoming.readableLength
  if (length !== Number(declared) || length > maxBytes) return undefined
  if (incoming.destroyed || incoming.readableFlowing === true || incoming.readableEnded) return undefined
  if (length === 0) return EMPTY_BODY
  // Paused: read() hands over every buffered byte (the chunk itself when there is one).
  return incoming.read() as Buffer
}

/**
 * Stops reading a request whose body will not be used and closes the connection after the
 * response (see `closeAfterResponse`), so a refused, possibly huge upload is not drained.
 * Safe to call twice.
 */
export function abandonRequestBody(incoming: IncomingMessage): void {
  incoming.pause()
  const context = findRequestContext(incoming)
  if (context === undefined || context.bodyAbandoned) return
  context.bodyAbandoned = true
  closeAfterResponse(incoming, context.response)
}

/**
 * Largest declared body a request refused before reading it may still upload: Node discards
 * it and the connection stays open for the client's next request. Past it (or with no declared
 * length) the connection is closed instead ({@link abandonRequestBody}).
 */
export const DISCARDABLE_BODY_BYTES = 64 * 1024

/**
 * For a request refused before its body was read (auth, rate limit): a body already received,
 * or declared with a `Content-Length` of at most {@link DISCARDABLE_BODY_BYTES}, is left to
 * Node, which discards the raw bytes (nothing is decompressed or parsed) and keeps the
 * connection; any other body is abandoned and the connection closed after the response.
 * Closing every refused connection made a flood of 401s and 429s a flood of new connections.
 *
 * @example
 * if (refusedBeforeBody) settleRefusedBody(incoming) // then write the 401
 */
export function settleRefusedBody(incoming: IncomingMessage): void {
  if (incoming.complete) return
  const declared = incoming.headers['content-length']
  if (declared !== undefined && Number(declared) <= DISCARDABLE_BODY_BYTES) return
  abandonRequestBody(incoming)
}

function tooLarge(maxBytes: number, what: string): GatewayError {
  return new GatewayError(
    'payload_too_large',
    `Request body is larger than the ${maxBytes}-byte limit (${what}); raise SERVER_MAX_REQUEST_BODY_BYTES if such bodies are legitimate`,
    { meta: { limit_bytes: maxBytes } },
  )
}

/** One body read: raw chunks, optionally through a decoder, with the caps checked per chunk. */
class BodyReader {
  readonly #chunks: Buffer[] = []
  #size = 0
  #rawSize = 0
  #settled = false
  #decoder: Transform | undefined
  #budgetTaken = 0
  #jsonChecked: boolean

  constructor(
    readonly incoming: IncomingMessage,
    readonly maxBytes: number,
    readonly decodeBudget: DecodeBudget | undefined,
    expectJson: boolean,
    readonly resolve: (body: Buffer) => void,
    readonly reject: (error: unknown) => void,
  ) {
    this.#jsonChecked = !expectJson
  }

  start(decoder: Transform | undefined): void {
    this.#decoder = decoder
    const { incoming } = this
    incoming.on('data', this.#onRawData)
    incoming.on('end', this.#onRawEnd)
    incoming.on('error', this.#onCutShort)
    incoming.on('close', this.#onCutShort)
    if (decoder !== undefined) {
      decoder.on('data', this.#onDecodedData)
      decoder.on('end', this.#finish)
      decoder.on('error', this.#onDecodeError)
      decoder.on('drain', () => incoming.resume())
    }
  }

  readonly #onRawData = (chunk: Buffer): void => {
    this.#rawSize += chunk.length
    if (this.#rawSize > this.maxBytes) {
      this.#fail(tooLarge(this.maxBytes, 'received bytes'), true)
    } else if (this.#decoder === undefined) {
      this.#keep(chunk)
    } else if (!this.#decoder.write(chunk)) {
      this.incoming.pause()
    }
  }

  readonly #onDecodedData = (chunk: Buffer): void => {
    if (!this.#jsonChecked && !this.#checkJsonStart(chunk)) return
    const budget = this.decodeBudget
    if (budget !== undefined && !this.#settled) {
      if (!budget.tryTake(chunk.length)) {
        this.#fail(budget.overloaded(), true)
        return
      }
      this.#budgetTaken += chunk.length
    }
    this.#keep(chunk)
  }

  /** False (and the read failed) when the decoded bytes cannot be JSON: junk costs one chunk. */
  #checkJsonStart(chunk: Buffer): boolean {
    const start = jsonStart(chunk)
    if (start === 'undecided') return true
    this.#jsonChecked = true
    if (start === 'possible') return true
    const coding = this.incoming.headers['content-encoding']
    const message = `Request body is not valid JSON: decoded from ${coding}, it starts with byte ${firstByteHex(chunk)}`
    this.#fail(new GatewayError('invalid_json', message), true)
    return false
  }

  #keep(chunk: Buffer): void {
    if (this.#settled) return
    this.#size += chunk.length
    // Without a decoder the raw check above fires first; this one catches decompression.
    if (this.#size > this.maxBytes) this.#fail(tooLarge(this.maxBytes, 'size after decompression'), true)
    else this.#chunks.push(chunk)
  }

  readonly #onRawEnd = (): void => {
    if (this.#decoder === undefined) this.#finish()
    else this.#decoder.end()
  }

  readonly #finish = (): void => {
    if (this.#settled) return
    this.#cleanup()
    const chunks = this.#chunks
    this.resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, this.#size))
  }

  readonly #onDecodeError = (error: Error): void => {
    const coding = this.incoming.headers['content-encoding']
    const tooBig = (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE'
    const failure = tooBig
      ? tooLarge(this.maxBytes, 'size after decompression')
      : new GatewayError('bad_request', `Request body is not valid ${coding}: ${error.message}`, {
          cause: error,
        })
    this.#fail(failure, true)
  }

  readonly #onCutShort = (): void => {
    if (this.#settled || this.incoming.complete) return
    this.#fail(new GatewayError('bad_request', 'Request body ended before its declared length'), false)
  }

  #fail(error: GatewayError, abandon: boolean): void {
    if (this.#settled) return
    this.#cleanup()
    this.#decoder?.destroy()
    this.#chunks.length = 0
    if (abandon) abandonRequestBody(this.incoming)
    this.reject(error)
  }

  #cleanup(): void {
    this.#settled = true
    if (this.#budgetTaken > 0) {
      this.decodeBudget?.give(this.#budgetTaken)
      this.#budgetTaken = 0
    }
    const { incoming } = this
    incoming.off('data', this.#onRawData)
    incoming.off('end', this.#onRawEnd)
    incoming.off('error', this.#onCutShort)
    incoming.off('close', this.#onCutShort)
  }
}
