// The signed transport of the control-plane client: one HMAC-signed request, answers classified.

import { randomBytes } from 'node:crypto'
import { Agent, type Dispatcher } from 'undici'
import { type ControlPlaneEndpoint, classifyControlPlaneFailure } from './classify-control-plane-failure.js'
import { ControlPlaneError } from './control-plane-error.js'
import type { ErrorCode } from './errors.js'
import { type SigningScope, signRequest } from './hmac.js'

/** Path prefix of every internal gateway endpoint. */
export const CONTROL_PLANE_BASE_PATH = '/api/internal/gateway'

/** What {@link SignedCaller} needs. */
export interface SignedCallerOptions {
  baseUrl: string
  internalSecret: string
  nodeId: string
  dispatcher?: Dispatcher | undefined
  connectTimeoutMs?: number | undefined
  requestTimeoutMs?: number | undefined
  now?: (() => number) | undefined
  /** Default `path-and-query` (with a random `lw_nonce`); `path-only` for LangWatch's control plane. */
  signingScope?: SigningScope | undefined
}

/** One call. */
export interface CallOptions {
  method: 'GET' | 'POST'
  path: string
  query?: string
  body?: unknown
  /** A body already serialised as JSON, text or UTF-8 bytes (sent and signed as is); wins over `body`. */
  encodedBody?: string | Uint8Array
  headers?: Record<string, string>
  endpoint: ControlPlaneEndpoint
  timeoutMs?: number
  signal?: AbortSignal | undefined
  /** Leave a 2xx body as text (`json` undefined): the caller parses it later. */
  deferJson?: boolean
}

/** An answer read whole. */
export interface RawAnswer {
  status: number
  headers: Dispatcher.ResponseData['headers']
  text: string
  json: unknown
}

/** The first value of a response header, or null. */
export function headerValue(headers: RawAnswer['headers'], name: string): string | null {
  const value = headers[name.toLowerCase()]
  return (Array.isArray(value) ? value[0] : value) ?? null
}

function unavailableCode(endpoint: ControlPlaneEndpoint): ErrorCode {
  return endpoint === 'key' ? 'auth_upstream_unavailable' : 'service_unavailable'
}

/**
 * Sends signed requests to `baseUrl` + {@link CONTROL_PLANE_BASE_PATH} over a keep-alive agent.
 * Network failures, timeouts and invalid JSON throw `ControlPlaneError` `transport`; non-2xx
 * answers (but 304) are classified by `classifyControlPlaneFailure`.
 *
 * @example
 * const caller = new SignedCaller({ baseUrl: 'http://localhost:5560', internalSecret, nodeId: 'gw-a' })
 * const answer = await caller.call({ method: 'GET', path: '/health', endpoint: 'other' })
 */
export class SignedCaller {
  /** `baseUrl`'s path + the internal prefix: what requests are signed over. */
  readonly prefix: string
  readonly requestTimeoutMs: number
  readonly now: () => number
  readonly #origin: string
  readonly #secret: string
  readonly #nodeId: string
  readonly #ownedAgent: Agent | undefined
  readonly #dispatcher: Dispatcher
  readonly #pathOnly: boolean

  constructor(options: SignedCallerOptions) {
    const base = new URL(options.baseUrl)
    if (base.protocol !== 'http:' && base.protocol !== 'https:') {
      throw new TypeError(`createControlPlaneClient: baseUrl must be http(s), got ${base.protocol}`)
    }
    this.#origin = base.origin
    this.prefix = `${base.pathname.replace(/\/+$/, '')}${CONTROL_PLANE_BASE_PATH}`
    this.requestTimeoutMs = options.requestTimeoutMs ?? 5000
    this.now = options.now ?? Date.now
    this.#secret = options.internalSecret
    this.#nodeId = options.nodeId
    this.#ownedAgent =
      options.dispatcher === undefined
        ? new Agent({ connect: { timeout: options.connectTimeoutMs ?? 2000 }, keepAliveTimeout: 30_000 })
        : undefined
    this.#dispatcher = options.dispatcher ?? this.#ownedAgent!
    this.#pathOnly = options.signingScope === 'path-only'
  }

  /** Sends one signed call and reads its answer. */
  async call(call: CallOptions): Promise<RawAnswer> {
    const path = `${this.prefix}${call.path}`
    const body = call.encodedBody ?? (call.body === undefined ? undefined : JSON.stringify(call.body))
    // The nonce makes two identical calls (two nodes, one key, one second) sign differently:
    // the control plane refuses a signature it has seen.
    const query = this.#pathOnly
      ? call.query
      : `${call.query === undefined ? '' : `${call.query}&`}lw_nonce=${randomBytes(12).toString('base64url')}`
    const target = query === undefined ? path : `${path}?${query}`
    const signed = signRequest({
      secret: this.#secret,
      method: call.method,
      path: target,
      scope: this.#pathOnly ? 'path-only' : 'path-and-query',
      body: body ?? '',
      timestamp: Math.floor(this.now() / 1000),
      nodeId: this.#nodeId,
    })
    const headers: Record<string, string> = { accept: 'application/json', ...signed.headers, ...call.headers }
    if (body !== undefined) headers['content-type'] = 'application/json'
    const timeoutMs = call.timeoutMs ?? this.requestTimeoutMs
    let response: Dispatcher.ResponseData
    let text: string
    try {
      response = await this.#dispatcher.request({
        origin: this.#origin,
        path: target,
        method: call.method,
        headers,
        body,
        signal: call.signal,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      })
      text = await response.body.text()
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      throw new ControlPlaneError(unavailableCode(call.endpoint), `control plane unreachable: ${reason}`, {
        kind: 'transport',
        cause: error,
      })
    }
    let json: unknown = null
    if (text !== '' && !(call.deferJson === true && response.statusCode < 300)) {
      try {
        json = JSON.parse(text)
      } catch (error) {
        if (response.statusCode < 300) {
          throw new ControlPlaneError(unavailableCode(call.endpoint), 'control plane answered invalid JSON', {
            kind: 'transport',
            upstreamStatus: response.statusCode,
            cause: error,
          })
        }
      }
    }
    const answer = { status: response.statusCode, headers: response.headers, text, json }
    if (answer.status >= 300 && answer.status !== 304) {
      throw classifyControlPlaneFailure(call.endpoint, answer.status, json)
    }
    return answer
  }

  /** Parses a 2xx answer; one that does not match the contract cannot be used: it counts as an outage. */
  parse<T>(endpoint: ControlPlaneEndpoint, parse: (json: unknown) => T, answer: RawAnswer): T {
    try {
      return parse(answer.json)
    } catch (error) {
      const message = error instanceof Error ? error.message : 'invalid answer'
      throw new ControlPlaneError(unavailableCode(endpoint), message, {
        kind: 'transport',
        upstreamStatus: answer.status,
        cause: error,
      })
    }
  }

  /** Closes the owned agent (a passed-in dispatcher is left open). */
  async close(): Promise<void> {
    await this.#ownedAgent?.close()
  }
}
