// Typed, HMAC-signed HTTP client for the control plane's internal gateway API (undici, keep-alive).
import { randomBytes } from 'node:crypto'
import { setImmediate } from 'node:timers/promises'
import { Agent, type Dispatcher } from 'undici'
import { type ControlPlaneEndpoint, classifyControlPlaneFailure } from './classify-control-plane-failure.js'
import { ControlPlaneError } from './control-plane-error.js'
import type { ErrorCode } from './errors.js'
import {
  RESPONSE_SIGNING_METHOD,
  SIGNATURE_HEADER,
  type SigningScope,
  signRequest,
  TIMESTAMP_HEADER,
  verifyRequest,
} from './hmac.js'
import { type BootstrapPage, MAX_BOOTSTRAP_PAGE_SIZE, parseBootstrapPage } from './schemas/bootstrap.js'
import { CHANGES_TIMEOUT_BOUNDS, type Change, parseChangesResponse } from './schemas/changes.js'
import { type GatewayKeyConfig, parseGatewayKeyConfig } from './schemas/gateway-key-config.js'
import {
  type GuardrailCheckRequest,
  type GuardrailCheckResponse,
  parseGuardrailCheckResponse,
} from './schemas/guardrail-check.js'
import { parseResolveKeyResponse, type ResolveKeyResponse } from './schemas/resolve-key.js'
import {
  parseSpendCommandsResponse,
  type SpendCommandsResponse,
  type SpendRecord,
} from './schemas/spend-commands.js'

/** Path prefix of every internal gateway endpoint. */
export const CONTROL_PLANE_BASE_PATH = '/api/internal/gateway'
/** Header carrying the control plane's current revision on a 204 from `/changes`. */
export const REVISION_HEADER = 'X-LangWatch-Revision'

/** Options for {@link createControlPlaneClient}. */
export interface ControlPlaneClientOptions {
  /** `LW_GATEWAY_BASE_URL`, e.g. `http://localhost:5560`. */
  baseUrl: string
  /** `LW_GATEWAY_INTERNAL_SECRET`, the HMAC key. */
  internalSecret: string
  /** This gateway node's id, sent in `X-LangWatch-Gateway-Node` and `gateway_node_id`. */
  nodeId: string
  /** Dispatcher to use instead of the client's own keep-alive `Agent` (not closed by `close()`). */
  dispatcher?: Dispatcher
  /** TCP/TLS connect timeout of the owned agent. Default: 2000 ms. */
  connectTimeoutMs?: number
  /** Time allowed for headers and between body chunks. Default: 5000 ms (long polls add their wait). */
  requestTimeoutMs?: number
  /**
   * `path-and-query` (default): sign the path with its query and add a random `lw_nonce` query
   * parameter, so two identical calls never share a signature (the control plane refuses a
   * replayed one). `path-only`: LangWatch's form, for its control plane (`LW_GATEWAY_HMAC_COMPAT`).
   */
  signingScope?: SigningScope
  /** Clock in milliseconds, for signature timestamps. Default: `Date.now`. */
  now?: () => number
}

/** Result of a conditional config fetch. */
export type GetConfigResult =
  | { notModified: true }
  | { notModified: false; etag: string | null; config: GatewayKeyConfig }

/** Arguments of a `/changes` long poll. */
export interface GetChangesOptions {
  organizationId: string
  /** Last revision seen. */
  since: string
  /** Long-poll wait, clamped to 1–25 s. */
  timeoutSeconds: number
  /** Aborts the poll (e.g. on shutdown); the call then rejects with a `transport` error. */
  signal?: AbortSignal
}

/** Arguments of a `/bootstrap` read. */
export interface ReadBootstrapPagesOptions {
  /** Keys per page, 1–5000 (the control plane clamps it too). */
  limit: number
  /** Stops the read; a request in flight then rejects with a `transport` error. */
  signal?: AbortSignal
}

/** Header naming the next page's cursor, so the next request leaves before this page is parsed. */
export const BOOTSTRAP_NEXT_HEADER = 'X-LangWatch-Bootstrap-Next'

/** The control-plane API as the gateway uses it. Every call is HMAC-signed. */
export interface ControlPlaneClient {
  resolveKey(keyPresented: string): Promise<ResolveKeyResponse>
  getConfig(vkId: string, etag?: string | null): Promise<GetConfigResult>
  /**
   * Every active key with its bundle claims and config (the bootstrap pull), a page at a time,
   * one request ahead: page n+1 is requested as soon as page n has arrived, before n is checked
   * and parsed. Each page must carry a valid response signature (`kind: 'rejected'` otherwise);
   * a control plane without the endpoint answers 404, which rejects with `kind: 'rejected'` too.
   */
  readBootstrapPages(options: ReadBootstrapPagesOptions): AsyncIterable<BootstrapPage>
  getChanges(options: GetChangesOptions): Promise<{ currentRevision: string; changes: Change[] }>
  sendSpendCommands(records: SpendRecord[]): Promise<SpendCommandsResponse>
  checkGuardrail(body: GuardrailCheckRequest): Promise<GuardrailCheckResponse>
  /** `GET /health`: true on a 2xx answer. Never throws. */
  health(): Promise<{ ok: boolean; status: number | null }>
  /** Closes the owned agent (a passed-in dispatcher is left open). */
  close(): Promise<void>
}

interface CallOptions {
  method: 'GET' | 'POST'
  path: string
  query?: string
  body?: unknown
  headers?: Record<string, string>
  endpoint: ControlPlaneEndpoint
  timeoutMs?: number
  signal?: AbortSignal | undefined
  /** Leave a 2xx body as text (`json` undefined): the caller parses it later. */
  deferJson?: boolean
}

interface RawAnswer {
  status: number
  headers: Dispatcher.ResponseData['headers']
  text: string
  json: unknown
}

function headerValue(headers: RawAnswer['headers'], name: string): string | null {
  const value = headers[name.toLowerCase()]
  return (Array.isArray(value) ? value[0] : value) ?? null
}

// Invalid JSON reaches the schema as undefined, which names the problem as a contract mismatch.
function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

function unavailableCode(endpoint: ControlPlaneEndpoint): ErrorCode {
  return endpoint === 'key' ? 'auth_upstream_unavailable' : 'service_unavailable'
}

/**
 * Creates the control-plane client. Failures throw {@link ControlPlaneError} with `kind`
 * `auth` (the key is bad), `transport` (retry or serve stale) or `rejected` (misconfiguration).
 *
 * @example
 * const controlPlane = createControlPlaneClient({
 *   baseUrl: 'http://localhost:5560', internalSecret: env.internalSecret, nodeId: 'gw-a',
 * })
 * const { jwt } = await controlPlane.resolveKey(rawKey)
 */
export function createControlPlaneClient(options: ControlPlaneClientOptions): ControlPlaneClient {
  const base = new URL(options.baseUrl)
  if (base.protocol !== 'http:' && base.protocol !== 'https:') {
    throw new TypeError(`createControlPlaneClient: baseUrl must be http(s), got ${base.protocol}`)
  }
  const origin = base.origin
  const prefix = `${base.pathname.replace(/\/+$/, '')}${CONTROL_PLANE_BASE_PATH}`
  const requestTimeoutMs = options.requestTimeoutMs ?? 5000
  const now = options.now ?? Date.now
  const pathOnly = options.signingScope === 'path-only'
  const ownedAgent =
    options.dispatcher === undefined
      ? new Agent({ connect: { timeout: options.connectTimeoutMs ?? 2000 }, keepAliveTimeout: 30_000 })
      : undefined
  const dispatcher: Dispatcher = options.dispatcher ?? ownedAgent!

  async function call(call: CallOptions): Promise<RawAnswer> {
    const path = `${prefix}${call.path}`
    const body = call.body === undefined ? undefined : JSON.stringify(call.body)
    const query = pathOnly
      ? call.query
      : `${call.query === undefined ? '' : `${call.query}&`}lw_nonce=${randomBytes(12).toString('base64url')}`
    const target = query === undefined ? path : `${path}?${query}`
    const signed = signRequest({
      secret: options.internalSecret,
      method: call.method,
      path: target,
      scope: pathOnly ? 'path-only' : 'path-and-query',
      body: body ?? '',
      timestamp: Math.floor(now() / 1000),
      nodeId: options.nodeId,
    })
    const headers: Record<string, string> = { accept: 'application/json', ...signed.headers, ...call.headers }
    if (body !== undefined) headers['content-type'] = 'application/json'
    const timeoutMs = call.timeoutMs ?? requestTimeoutMs
    let response: Dispatcher.ResponseData
    let text: string
    try {
      response = await dispatcher.request({
        origin,
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

  // A 2xx body that does not match the contract cannot be used: treat it like an outage.
  function parseAnswer<T>(endpoint: ControlPlaneEndpoint, parse: (json: unknown) => T, answer: RawAnswer): T {
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

  return {
    async resolveKey(keyPresented) {
      const body = { key_presented: keyPresented, gateway_node_id: options.nodeId }
      const answer = await call({ method: 'POST', path: '/resolve-key', body, endpoint: 'key' })
      return parseAnswer('key', parseResolveKeyResponse, answer)
    },

    async getConfig(vkId, etag) {
      const headers: Record<string, string> = etag ? { 'if-none-match': etag } : {}
      const path = `/config/${encodeURIComponent(vkId)}`
      const answer = await call({ method: 'GET', path, headers, endpoint: 'key' })
      if (answer.status === 304) return { notModified: true }
      const config = parseAnswer('key', parseGatewayKeyConfig, answer)
      return { notModified: false, etag: headerValue(answer.headers, 'etag'), config }
    },

    async *readBootstrapPages({ limit, signal }) {
      const pageSize = String(Math.min(MAX_BOOTSTRAP_PAGE_SIZE, Math.max(1, Math.floor(limit))))
      const stop = new AbortController()
      const onAbort = () => stop.abort()
      signal?.addEventListener('abort', onAbort, { once: true })
      const fetchPage = (after: string | null) => {
        const query = new URLSearchParams({ limit: pageSize })
        if (after !== null) query.set('after', after)
        const answer = call({
          method: 'GET',
          path: '/bootstrap',
          query: query.toString(),
          endpoint: 'other',
          signal: stop.signal,
          deferJson: true,
        })
        answer.catch(() => undefined) // a read abandoned early must not reject unhandled
        return answer
      }
      try {
        let pending: Promise<RawAnswer> | undefined = fetchPage(null)
        while (pending !== undefined) {
          const answer: RawAnswer = await pending
          const next = headerValue(answer.headers, BOOTSTRAP_NEXT_HEADER)
          pending = next === null ? undefined : fetchPage(next)
          // Let undici write that request before the synchronous check and parse of this page
          // below: otherwise it leaves only afterwards, and the two sides take turns.
          if (pending !== undefined) await setImmediate()
          // The page carries claims, not JWTs: its own signature is what makes them trustworthy.
          const verdict = verifyRequest({
            secret: options.internalSecret,
            method: RESPONSE_SIGNING_METHOD,
            path: `${prefix}/bootstrap`,
            body: answer.text,
            signature: headerValue(answer.headers, SIGNATURE_HEADER),
            timestamp: headerValue(answer.headers, TIMESTAMP_HEADER),
            now,
          })
          if (!verdict.ok) {
            throw new ControlPlaneError('service_unavailable', `bootstrap page refused: ${verdict.reason}`, {
              kind: 'rejected',
              upstreamStatus: answer.status,
            })
          }
          const page = parseAnswer('other', parseBootstrapPage, {
            ...answer,
            json: parseJsonText(answer.text),
          })
          // The cursor header is not signed: it must agree with the signed body.
          if (page.next_after !== next) {
            throw new ControlPlaneError(
              'service_unavailable',
              'bootstrap page cursor does not match its header',
              {
                kind: 'rejected',
                upstreamStatus: answer.status,
              },
            )
          }
          yield page
        }
      } finally {
        signal?.removeEventListener('abort', onAbort)
        stop.abort()
      }
    },

    async getChanges({ organizationId, since, timeoutSeconds, signal }) {
      const wait = Math.min(
        CHANGES_TIMEOUT_BOUNDS.max,
        Math.max(CHANGES_TIMEOUT_BOUNDS.min, Math.round(timeoutSeconds)),
      )
      const query = new URLSearchParams({ organization_id: organizationId, since, timeout_s: String(wait) })
      const answer = await call({
        method: 'GET',
        path: '/changes',
        query: query.toString(),
        endpoint: 'other',
        timeoutMs: wait * 1000 + requestTimeoutMs,
        signal,
      })
      if (answer.status === 204) {
        return { currentRevision: headerValue(answer.headers, REVISION_HEADER) ?? since, changes: [] }
      }
      const parsed = parseAnswer('other', parseChangesResponse, answer)
      return { currentRevision: parsed.current_revision, changes: parsed.changes }
    },

    async sendSpendCommands(records) {
      const answer = await call({
        method: 'POST',
        path: '/spend-commands',
        body: { records },
        endpoint: 'other',
      })
      return parseAnswer('other', parseSpendCommandsResponse, answer)
    },

    async checkGuardrail(body) {
      const answer = await call({ method: 'POST', path: '/guardrail/check', body, endpoint: 'other' })
      return parseAnswer('other', parseGuardrailCheckResponse, answer)
    },

    async health() {
      try {
        const answer = await call({ method: 'GET', path: '/health', endpoint: 'other' })
        return { ok: true, status: answer.status }
      } catch (error) {
        const status = error instanceof ControlPlaneError ? (error.upstreamStatus ?? null) : null
        return { ok: false, status }
      }
    },

    async close() {
      await ownedAgent?.close()
    },
  }
}
