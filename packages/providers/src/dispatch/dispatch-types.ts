// Types shared by the dispatch wrappers: candidates, the response sink, attempt records and results.
import type { ProviderConfig } from '../spec/provider-config.js'
import type { Usage } from '../spec/usage.js'
import type { FlatHeaders } from '../utils/http-headers.js'

/** One place a request may go: a provider credential and the model to ask it for. */
export interface Candidate {
  provider: ProviderConfig
  model: string
}

/**
 * Where the response goes: a Node `ServerResponse`, or anything with the same few members.
 * Headers are written once, with `writeHead`; `close` before the end means the client left.
 */
export interface ResponseSink {
  writeHead(status: number, headers: FlatHeaders): unknown
  write(chunk: Uint8Array | string): boolean
  end(chunk?: Uint8Array | string): unknown
  on(event: 'close' | 'drain', listener: () => void): unknown
  once(event: 'drain', listener: () => void): unknown
  removeListener(event: 'close' | 'drain', listener: () => void): unknown
  destroy(error?: Error): unknown
  readonly destroyed: boolean
}

/** What happened to one candidate: an upstream call, or a skip. */
export interface AttemptRecord {
  providerId: string
  model: string
  /** Upstream HTTP status; 0 when no response arrived or the candidate was skipped. */
  status: number
  /** Milliseconds from dispatch to the response headers; 0 when none arrived. */
  ttfbMs: number
  usage?: Usage
  /** Why it did not succeed: `circuit_open`, `unsupported_api`, an error code or message. */
  error?: string
}

/** The outcome of a forwarded request whose response was written to the sink. */
export interface ForwardResult {
  /** Status written to the client. */
  status: number
  /** Provider id and model of the candidate that produced the response. */
  providerId: string
  model: string
  /** Upstream calls made (retries included; skipped candidates excluded). */
  attempts: number
  /** Candidates passed over before the one that answered (`X-LangWatch-Fallback-Count`). */
  fallbackCount: number
  /** Every upstream call and skip, in order. */
  records: AttemptRecord[]
  usage: Usage | undefined
  /** Cost of `usage` at catalogue prices; undefined when usage or price is unknown. */
  costMicroUsd: number | undefined
  /** Whether the response was an SSE stream. */
  streamed: boolean
  /** The client left before the response finished; the upstream call was aborted. */
  clientAborted: boolean
  /** The upstream broke off after the response started (an error event ended the stream). */
  streamError: string | undefined
  /** Answered from the gateway's response cache: no upstream call, nothing to charge. */
  cacheHit?: boolean
}
