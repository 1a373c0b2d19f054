// Writes a cached answer to a client: its own bytes on the same wire, translated on another.
import {
  type ClientWire,
  type FlatHeaders,
  type ResponseSink,
  targetCodecs,
  translateResponse,
  wireCodecs,
} from '@gw/providers/internal'
import type { CachedResponse } from './cached-response.js'
import { parseSseEvent } from './parse-sse-event.js'

/** Options of {@link replayResponse}. */
export interface ReplayOptions {
  /** The wire of the request being answered. */
  wire: ClientWire
  sink: ResponseSink
  /** Headers to send besides the content type (request id, `X-LangWatch-Response-Cache`, `Age`). */
  headers: FlatHeaders
  /** OpenAI Chat streams: whether this client asked for the usage chunk. */
  includeUsage: boolean
  /** The model this client asked for (used when a translated answer names none). */
  requestModel: string
  /** Clock in ms for ids and `created` fields of translated streams. Default `Date.now`. */
  now?: () => number
}

/** How a replay ended. */
export interface ReplayOutcome {
  /** The client left before the last byte. */
  clientAborted: boolean
}

// Resolves on `drain`, or on `close` (a client gone, now or before the wait began).
function waitForDrain(sink: ResponseSink): Promise<void> {
  if (sink.destroyed) return Promise.resolve()
  return new Promise((resolve) => {
    const done = () => {
      sink.removeListener('drain', done)
      sink.removeListener('close', done)
      resolve()
    }
    sink.once('drain', done)
    sink.on('close', done)
  })
}

function isRaw(entry: CachedResponse, options: ReplayOptions): boolean {
  if (entry.meta.wire !== options.wire) return false
  // A Chat stream stored with (or without) the usage chunk is re-encoded for a client wanting the other.
  return options.wire !== 'openai-chat' || entry.meta.events === undefined
    ? true
    : entry.meta.includeUsage === options.includeUsage
}

function translateBody(entry: CachedResponse, options: ReplayOptions): Buffer {
  const body = JSON.parse(entry.body.toString()) as object
  const translated = translateResponse({
    from: entry.meta.wire,
    to: options.wire,
    body,
    requestModel: options.requestModel,
  })
  return Buffer.from(JSON.stringify(translated))
}

/** The text to send for each stored event: the event's own bytes, or its translation. */
function createEventMapper(entry: CachedResponse, options: ReplayOptions) {
  if (isRaw(entry, options)) return { map: (event: Buffer): Buffer | string => event, end: () => '' }
  const decoder = targetCodecs[entry.meta.wire].createStreamDecoder()
  const encoder = wireCodecs[options.wire].createStreamEncoder({
    requestModel: options.requestModel,
    includeUsage: options.includeUsage,
    ...(options.now === undefined ? {} : { now: options.now }),
  })
  const encodeAll = (parts: ReturnType<typeof decoder.push>) => {
    let text = ''
    for (const part of parts) text += encoder.encode(part)
    return text
  }
  return {
    map: (event: Buffer): Buffer | string => {
      const parsed = parseSseEvent(event.toString())
      return parsed === undefined ? '' : encodeAll(decoder.push(parsed))
    },
    end: () => encodeAll(decoder.end()),
  }
}

/**
 * Replays `entry` to `sink`. Same wire: the stored bytes exactly (a stream event by event, one
 * write per original event, honouring backpressure). Another wire: a complete answer goes
 * through `translateResponse`; a stream's events through the wire codecs, each original event
 * still one write. Never throws on a client that leaves; says so in the outcome.
 *
 * @example
 * await replayResponse(entry, { wire: 'openai-chat', sink, headers: ['x-langwatch-response-cache', 'hit'], includeUsage: false, requestModel: 'gpt-4o' })
 */
export async function replayResponse(entry: CachedResponse, options: ReplayOptions): Promise<ReplayOutcome> {
  const { sink } = options
  const events = entry.meta.events
  if (events === undefined) {
    const body = isRaw(entry, options) ? entry.body : translateBody(entry, options)
    const contentType = isRaw(entry, options) ? entry.meta.contentType : 'application/json'
    sink.writeHead(entry.meta.status, [
      ...options.headers,
      'content-type',
      contentType,
      'content-length',
      String(body.length),
    ])
    sink.end(body)
    return { clientAborted: false }
  }
  const mapper = createEventMapper(entry, options)
  const contentType = isRaw(entry, options) ? entry.meta.contentType : 'text/event-stream'
  sink.writeHead(entry.meta.status, [...options.headers, 'content-type', contentType])
  let offset = 0
  for (const length of events) {
    if (sink.destroyed) return { clientAborted: true }
    const out = mapper.map(entry.body.subarray(offset, offset + length))
    offset += length
    if (out.length > 0 && !sink.write(out)) await waitForDrain(sink)
  }
  if (sink.destroyed) return { clientAborted: true }
  const tail = mapper.end()
  sink.end(tail.length > 0 ? tail : undefined)
  return { clientAborted: false }
}
