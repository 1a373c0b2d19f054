// Typed, HMAC-signed HTTP client for the control plane's internal gateway API (undici, keep-alive).
import type { Dispatcher } from 'undici'
import { ControlPlaneError } from './control-plane-error.js'
import type { SigningScope } from './hmac.js'
import { type ReadBootstrapPagesOptions, readBootstrapPages } from './read-bootstrap-pages.js'
import type { BootstrapPage } from './schemas/bootstrap.js'
import {
  type BudgetBucketSpendResponse,
  parseBudgetBucketSpendResponse,
} from './schemas/budget-bucket-spend.js'
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
import { headerValue, SignedCaller } from './signed-caller.js'

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
  /**
   * `sendSpendCommands` for records already serialised, one JSON object each (a spool's lines,
   * trailing newline allowed): the batch body is joined from them, never parsed and re-serialised.
   */
  sendEncodedSpendCommands(recordsJson: readonly string[]): Promise<SpendCommandsResponse>
  /**
   * `sendSpendCommands` for a batch body already built, `{"records":[…]}` as UTF-8 JSON bytes (at
   * most 500 records): sent and signed as the bytes given, with no conversion.
   */
  sendSpendCommandsBody(body: Uint8Array): Promise<SpendCommandsResponse>
  checkGuardrail(body: GuardrailCheckRequest): Promise<GuardrailCheckResponse>
  /** `GET /budget-bucket-spend`: one end user's bucket of a per-end-user budget (404 → `rejected`). */
  getBudgetBucketSpend(budgetId: string, endUserId: string): Promise<BudgetBucketSpendResponse>
  /** `GET /health`: true on a 2xx answer. Never throws. */
  health(): Promise<{ ok: boolean; status: number | null }>
  /** Closes the owned agent (a passed-in dispatcher is left open). */
  close(): Promise<void>
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
  return new HttpControlPlaneClient(options)
}

class HttpControlPlaneClient implements ControlPlaneClient {
  readonly #caller: SignedCaller
  readonly #options: ControlPlaneClientOptions

  constructor(options: ControlPlaneClientOptions) {
    this.#options = options
    this.#caller = new SignedCaller(options)
  }

  async resolveKey(keyPresented: string): Promise<ResolveKeyResponse> {
    const body = { key_presented: keyPresented, gateway_node_id: this.#options.nodeId }
    const answer = await this.#caller.call({ method: 'POST', path: '/resolve-key', body, endpoint: 'key' })
    return this.#caller.parse('key', parseResolveKeyResponse, answer)
  }

  async getConfig(vkId: string, etag?: string | null): Promise<GetConfigResult> {
    const headers: Record<string, string> = etag ? { 'if-none-match': etag } : {}
    const path = `/config/${encodeURIComponent(vkId)}`
    const answer = await this.#caller.call({ method: 'GET', path, headers, endpoint: 'key' })
    if (answer.status === 304) return { notModified: true }
    const config = this.#caller.parse('key', parseGatewayKeyConfig, answer)
    return { notModified: false, etag: headerValue(answer.headers, 'etag'), config }
  }

  readBootstrapPages(options: ReadBootstrapPagesOptions): AsyncIterable<BootstrapPage> {
    return readBootstrapPages(this.#caller, this.#options.internalSecret, options)
  }

  async getChanges({
    organizationId,
    since,
    timeoutSeconds,
    signal,
  }: GetChangesOptions): Promise<{ currentRevision: string; changes: Change[] }> {
    const wait = Math.min(
      CHANGES_TIMEOUT_BOUNDS.max,
      Math.max(CHANGES_TIMEOUT_BOUNDS.min, Math.round(timeoutSeconds)),
    )
    const query = new URLSearchParams({ organization_id: organizationId, since, timeout_s: String(wait) })
    const answer = await this.#caller.call({
      method: 'GET',
      path: '/changes',
      query: query.toString(),
      endpoint: 'other',
      timeoutMs: wait * 1000 + this.#caller.requestTimeoutMs,
      signal,
    })
    if (answer.status === 204) {
      return { currentRevision: headerValue(answer.headers, REVISION_HEADER) ?? since, changes: [] }
    }
    const parsed = this.#caller.parse('other', parseChangesResponse, answer)
    return { currentRevision: parsed.current_revision, changes: parsed.changes }
  }

  async sendSpendCommands(records: SpendRecord[]): Promise<SpendCommandsResponse> {
    const answer = await this.#caller.call({
      method: 'POST',
      path: '/spend-commands',
      body: { records },
      endpoint: 'other',
    })
    return this.#caller.parse('other', parseSpendCommandsResponse, answer)
  }

  sendEncodedSpendCommands(recordsJson: readonly string[]): Promise<SpendCommandsResponse> {
    return this.#sendSpendBody(`{"records":[${recordsJson.join(',')}]}`)
  }

  sendSpendCommandsBody(body: Uint8Array): Promise<SpendCommandsResponse> {
    return this.#sendSpendBody(body)
  }

  async #sendSpendBody(encodedBody: string | Uint8Array): Promise<SpendCommandsResponse> {
    const answer = await this.#caller.call({
      method: 'POST',
      path: '/spend-commands',
      encodedBody,
      endpoint: 'other',
    })
    return this.#caller.parse('other', parseSpendCommandsResponse, answer)
  }

  async getBudgetBucketSpend(budgetId: string, endUserId: string): Promise<BudgetBucketSpendResponse> {
    const query = new URLSearchParams({ budget_id: budgetId, end_user_id: endUserId })
    const answer = await this.#caller.call({
      method: 'GET',
      path: '/budget-bucket-spend',
      query: query.toString(),
      endpoint: 'other',
    })
    return this.#caller.parse('other', parseBudgetBucketSpendResponse, answer)
  }

  async checkGuardrail(body: GuardrailCheckRequest): Promise<GuardrailCheckResponse> {
    const answer = await this.#caller.call({
      method: 'POST',
      path: '/guardrail/check',
      body,
      endpoint: 'other',
    })
    return this.#caller.parse('other', parseGuardrailCheckResponse, answer)
  }

  async health(): Promise<{ ok: boolean; status: number | null }> {
    try {
      const answer = await this.#caller.call({ method: 'GET', path: '/health', endpoint: 'other' })
      return { ok: true, status: answer.status }
    } catch (error) {
      const status = error instanceof ControlPlaneError ? (error.upstreamStatus ?? null) : null
      return { ok: false, status }
    }
  }

  close(): Promise<void> {
    return this.#caller.close()
  }
}
