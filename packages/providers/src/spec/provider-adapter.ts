// The adapter interface: what the dispatcher needs to know about one provider credential.
import type { IncomingHttpHeaders } from 'node:http'
import type { ClientApi } from './client-api.js'
import type { ProviderConfig } from './provider-config.js'
import type { CountTokensWire, EmbeddingsWire, UpstreamWire } from './upstream-wire.js'
import type { Usage } from './usage.js'

/** Where and how to send one same-shape upstream request. */
export interface UpstreamRequest {
  /** `https://api.openai.com`: the key of the outbound pool. */
  origin: string
  method: 'GET' | 'POST'
  /** Path and query string, e.g. `/v1/messages?beta=true`. */
  path: string
  /** Flat `[name, value, …]` list: auth, content type and the forwarded client headers. */
  headers: string[]
}

/** Input of {@link ProviderAdapter.prepareRequest}. */
export interface PrepareRequestInput {
  api: ClientApi
  /** The resolved model name (before any deployment mapping). */
  model: string
  /** The client's raw query string including `?`, or `''`. */
  query: string
  /** The client's request headers; only an allowlist is forwarded, never auth or hop-by-hop. */
  clientHeaders: IncomingHttpHeaders | undefined
}

/** Reads usage and errors from one response stream, one complete SSE event at a time. */
export interface StreamObserver {
  /**
   * Observes one event. Returns true when the event carries only usage (OpenAI's final
   * `choices: []` chunk), so the dispatcher may hide it from a client that did not ask for it.
   */
  observe(event: string | undefined, data: string): boolean
  /** Usage seen so far, or undefined when the stream reported none. */
  readonly usage: Usage | undefined
  /** The message of an error event seen in the stream, if any. */
  readonly error: string | undefined
}

/** Per-request credentials, for providers whose auth cannot be a static header. */
export interface RequestAuthorizer {
  /**
   * Returns the headers to send with `request` and `body` (Bedrock signs both with SigV4; Vertex
   * adds an OAuth token). Runs before every call, retries included, and is only awaited on
   * adapters that define it. A rejection fails the attempt like a network error (it falls back).
   */
  authorize?(request: UpstreamRequest, body: Buffer | undefined): Promise<string[]>
  /**
   * The upstream answered 401: forget cached credentials. Returns true when fresh ones may succeed,
   * and the call is then retried once (Vertex tokens revoked or rotated early).
   */
  invalidateAuth?(): boolean
}

/**
 * One provider credential, ready to serve same-shape requests. Built once per
 * {@link ProviderConfig} (adapters precompute origins and auth headers).
 */
export interface ProviderAdapter extends RequestAuthorizer {
  readonly config: ProviderConfig
  /** Whether this provider speaks `api` natively (same-shape passthrough). */
  serves(api: ClientApi): boolean
  /** The `model` value the upstream body must carry for `model` (Azure may need the deployment). */
  bodyModel(api: ClientApi, model: string): string | undefined
  /** Whether OpenAI chat streams should get `stream_options.include_usage: true` injected. */
  readonly injectsStreamUsage: boolean
  /** Builds origin, path, method and headers of the upstream request. */
  prepareRequest(input: PrepareRequestInput): UpstreamRequest
  /** Maps the `usage` object of a JSON response of `api` to {@link Usage}. */
  readUsage(api: ClientApi, usage: Record<string, unknown>): Usage | undefined
  /** A fresh observer for one SSE response of `api`. */
  createStreamObserver(api: ClientApi): StreamObserver
}

/** Input of {@link CloudProviderAdapter.planUpstream}. */
export interface UpstreamPlanInput {
  api: ClientApi
  /** The resolved model name (before any deployment mapping). */
  model: string
  /** Whether the client asked for a stream (decides the endpoint on every cloud). */
  stream: boolean
  clientHeaders: IncomingHttpHeaders | undefined
}

/** Where a cloud provider sends a request, and on which wire. */
export type UpstreamPlan =
  | {
      kind: 'generate'
      wire: UpstreamWire
      request: UpstreamRequest
      /** The provider's model id (after deployment mapping), for the translated body. */
      bodyModel: string
    }
  | {
      kind: 'embeddings'
      wire: EmbeddingsWire
      /** The endpoint every batch is sent to. */
      request: UpstreamRequest
      bodyModel: string
    }
  | {
      kind: 'count-tokens'
      wire: CountTokensWire
      request: UpstreamRequest
      bodyModel: string
    }

/**
 * A provider reached only on its own wires (Gemini, Bedrock, Vertex): every client API is
 * translated, or rewrapped (Anthropic Messages on Bedrock and Vertex), to the wire it plans.
 */
export interface CloudProviderAdapter extends RequestAuthorizer {
  readonly config: ProviderConfig
  /** The call for `api` on `model`, or undefined when this provider cannot serve it. */
  planUpstream(input: UpstreamPlanInput): UpstreamPlan | undefined
}

/** Any adapter the dispatcher can call. */
export type AnyProviderAdapter = ProviderAdapter | CloudProviderAdapter
