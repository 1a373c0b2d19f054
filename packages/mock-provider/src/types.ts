// Public types of the built-in mock provider: its options, handle, recorded requests and behaviours.
import type { IncomingHttpHeaders } from 'node:http'

/** Options of {@link startMockProvider}; every field is optional. */
export interface MockProviderOptions {
  /** Port to listen on. Default `0` (an ephemeral port). */
  port?: number
  /** Interface to bind. Default `127.0.0.1`. */
  host?: string
  /** Delay before the response headers of every request, in ms. Default `0`. */
  latencyMs?: number
  /** Delay between two stream chunks, in ms. Default `0` (the whole stream in one write). */
  chunkDelayMs?: number
  /** The deterministic assistant reply. Default `Hello from the mock provider.` */
  replyText?: string
  /** How many text deltas a streamed reply is split into. Default `6`. */
  streamChunks?: number
  /** Embedding dimension when the request names none. Default `8`. */
  embeddingDimensions?: number
  /**
   * When set, requests must carry this credential the way the wire expects it (OpenAI Bearer,
   * Azure `api-key`, Anthropic `x-api-key`, Gemini `x-goog-api-key`/`?key=`, a Vertex token issued
   * by `POST /token`, a Bedrock SigV4 header or Bedrock API key), else they get the provider's
   * own authentication error. Default: no check.
   */
  apiKey?: string
  /** AWS credentials whose SigV4 signatures Bedrock requests must carry (verified by re-signing). */
  aws?: { accessKeyId: string; secretAccessKey: string }
  /** PEM public key of the Vertex service account; when set, `/token` verifies the JWT assertion's RS256 signature. */
  vertexPublicKey?: string
  /** Keep every request in `requests`. Default `true`; benchmarks turn it off. */
  recordRequests?: boolean
  /** Called with each request as it arrives (for logs), whether or not requests are recorded. */
  onRequest?: (request: RecordedRequest) => void
  /** Clock in ms, for `created` timestamps and SigV4 skew checks. Default `Date.now`. */
  now?: () => number
}

/** Which provider's wire a request spoke. */
export type MockWire =
  | 'openai'
  | 'azure'
  | 'anthropic'
  | 'gemini'
  | 'bedrock'
  | 'vertex'
  | 'oauth'
  | 'unknown'

/** One request as the mock received it. */
export interface RecordedRequest {
  method: string
  /** Path without the query string, as sent (still percent-encoded). */
  path: string
  query: Record<string, string>
  /** Lower-cased header names, as Node parses them. */
  headers: IncomingHttpHeaders
  body: Buffer
  wire: MockWire
  /** The operation on that wire, e.g. `chat.completions`, `messages`, `converse-stream`. */
  operation: string
}

/** Answer with this status; `body` (JSON-encoded unless a string) or else the wire's own error shape. */
export interface MockStatusBehaviour {
  status: number
  body?: unknown
  headers?: Record<string, string>
}
/** Answer nothing before this many ms (to trip client timeouts), then answer normally. */
export interface MockHangBehaviour {
  hangMs: number
}
/** Send the headers and this many stream chunks, then destroy the socket. */
export interface MockFailAfterChunksBehaviour {
  failAfterChunks: number
}
/** Send this many stream chunks, then the wire's own in-stream error event, then end the stream. */
export interface MockStreamErrorBehaviour {
  streamErrorAfterChunks: number
}
/** Destroy the socket without answering. */
export interface MockDropConnectionBehaviour {
  dropConnection: true
}
/** Reply with multi-byte text and write the bytes in pieces that cut characters in half. */
export interface MockSplitUtf8Behaviour {
  splitUtf8: true
}
/** Delay the response headers of this request. */
export interface MockLatencyBehaviour {
  latencyMs: number
}
/** Pause between stream chunks of this request. */
export interface MockChunkDelayBehaviour {
  chunkDelayMs: number
}
/** Reply with this text instead of the configured one. */
export interface MockReplyBehaviour {
  replyText: string
}

/**
 * What the mock does with one request. Compatible fields may be combined in one object, e.g.
 * `{ latencyMs: 50, failAfterChunks: 2 }`.
 */
export type MockBehaviour =
  | MockStatusBehaviour
  | MockHangBehaviour
  | MockFailAfterChunksBehaviour
  | MockStreamErrorBehaviour
  | MockDropConnectionBehaviour
  | MockSplitUtf8Behaviour
  | MockLatencyBehaviour
  | MockChunkDelayBehaviour
  | MockReplyBehaviour

/** A running mock provider. */
export interface MockProvider {
  /** Base URL, e.g. `http://127.0.0.1:5580` (no trailing slash, no `/v1`). */
  url: string
  port: number
  /** Requests received so far (empty when `recordRequests` is false). */
  requests: RecordedRequest[]
  /** Queue behaviours, consumed in order by the next requests (not by `POST /token`). */
  enqueue(...behaviours: MockBehaviour[]): void
  /** Forget recorded requests, queued behaviours and the prompt-cache memory. */
  reset(): void
  /** Stop listening and destroy every open socket. */
  close(): Promise<void>
  /** Sockets currently open to the mock. */
  openConnections(): number
}
