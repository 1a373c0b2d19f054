// Internal contract between the server and the wire handlers: what a handler reads and what it returns.
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http'
import type { ResolvedBehaviour } from './behaviours.js'
import type { PromptCache } from './prompt-cache.js'
import type { ReplyText } from './reply-text.js'
import type { MockWire } from './types.js'

/** Options with defaults applied, shared by every request. */
export interface MockSettings {
  latencyMs: number
  chunkDelayMs: number
  reply: ReplyText
  streamChunks: number
  embeddingDimensions: number
  apiKey?: string
  aws?: { accessKeyId: string; secretAccessKey: string }
  vertexPublicKey?: string
  now: () => number
}

/** State that outlives a request. */
export interface MockState {
  sequence: number
  promptCache: PromptCache
  /** Vertex access tokens issued by `POST /token`, with their expiry in ms. */
  issuedTokens: Map<string, number>
}

/** One request being answered. */
export interface MockExchange {
  method: string
  path: string
  query: URLSearchParams
  headers: IncomingHttpHeaders
  body: Buffer
  /** Captures of the route pattern, e.g. `model`. */
  params: Record<string, string>
  behaviour: ResolvedBehaviour
  /** The reply for this request (the configured one unless a behaviour replaces it). */
  reply: ReplyText
  settings: MockSettings
  state: MockState
  /** The body parsed by {@link readJsonBody}, kept so it is parsed once. */
  parsedBody?: Record<string, unknown>
}

/** A complete response. */
export interface MockBodyReply {
  status: number
  headers: OutgoingHttpHeaders
  body: string | Uint8Array
}

/** A streamed response: one write per frame. */
export interface MockStreamReply {
  status: number
  headers: OutgoingHttpHeaders
  frames: Array<string | Uint8Array>
  /** The wire's in-stream error event sent after `sentFrames` frames (`streamErrorAfterChunks`). */
  streamError: (sentFrames: number) => string | Uint8Array
}

export type MockReply = MockBodyReply | MockStreamReply

/** How one endpoint of one wire answers. */
export interface MockRoute {
  wire: MockWire
  operation: string
  handle(exchange: MockExchange): MockReply
  /** The wire's error response for a status (used for behaviours, auth and bad input). */
  error(status: number, message?: string): MockBodyReply
  /** The wire's credential check; returns the error response when it fails (async for SigV4). */
  authorize?(exchange: MockExchange): MockBodyReply | undefined | Promise<MockBodyReply | undefined>
  /** The model a request names (body or path), for the model-name conventions. */
  model?(exchange: MockExchange): string | undefined
}

/** Thrown by handlers on invalid input; the server answers `route.error(status, message)`. */
export class MockInputError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
    this.name = 'MockInputError'
  }
}

/** Parses the request body as a JSON object once, or throws a 400 {@link MockInputError}. */
export function readJsonBody(exchange: MockExchange): Record<string, unknown> {
  if (exchange.parsedBody) return exchange.parsedBody
  let parsed: unknown
  try {
    parsed = JSON.parse(exchange.body.toString('utf8'))
  } catch {
    throw new MockInputError(400, 'The request body is not valid JSON.')
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new MockInputError(400, 'The request body must be a JSON object.')
  }
  exchange.parsedBody = parsed as Record<string, unknown>
  return exchange.parsedBody
}

/** Next request sequence number as a short id token. */
export function nextId(exchange: MockExchange): string {
  exchange.state.sequence += 1
  return `mock${exchange.state.sequence.toString(36)}`
}

/** JSON content type header table, shared. */
export const jsonHeaders: OutgoingHttpHeaders = Object.freeze({ 'content-type': 'application/json' })
/** SSE content type header table, shared. */
export const sseHeaders: OutgoingHttpHeaders = Object.freeze({
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
})
