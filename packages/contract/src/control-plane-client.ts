// Typed, HMAC-signed HTTP client for the control plane's internal gateway API (undici, keep-alive).
import { Agent, type Dispatcher } from 'undici'
import { type ControlPlaneEndpoint, classifyControlPlaneFailure } from './classify-control-plane-failure.js'
import { ControlPlaneError } from './control-plane-error.js'
import type { ErrorCode } from './errors.js'
import { signRequest } from './hmac.js'
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

/** The control-plane API as the gateway uses it. Every call is HMAC-signed. */
export interface ControlPlaneClient {
  resolveKey(keyPresented: string): Promise<ResolveKeyResponse>
  getConfig(vkId: string, etag?: string | null): Promise<GetConfigResult>
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
}

interface RawAnswer {
  status: number
  headers: Dispatcher.ResponseData['headers']
  json: unknown
}

function headerValue(headers: RawAnswer['headers'], name: string): string | null {
  const value = headers[name.toLowerCase()]
  return (Array.isArray(value) ? value[0] : value) ?? null
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
  const ownedAgent =
    options.dispatcher === undefined
      ? new Agent({ connect: { timeout: options.connectTimeoutMs ?? 2000 }, keepAliveTimeout: 30_000 })
      : undefined
  const dispatcher: Dispatcher = options.dispatcher ?? ownedAgent!

  async function call(call: CallOptions): Promise<RawAnswer> {
    const path = `${prefix}${call.path}`
    const body = call.body === undefined ? undefined : JSON.stringify(call.body)
    const signed = signRequest({
      secret: options.internalSecret,
      method: call.method,
      path,
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
        path: call.query === undefined ? path : `${path}?${call.query}`,
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
    if (text !== '') {
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
    const answer = { status: response.statusCode, headers: response.headers, json }
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
