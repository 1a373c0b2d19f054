// Test harness: an in-memory control plane on 127.0.0.1:0 with an injectable clock, captured logs and HTTP helpers.
import { Writable } from 'node:stream'
import { signRequest } from '@gw/contract'
import { type ControlPlaneConfig, loadControlPlaneConfig } from '../config.js'
import { createLogger } from '../shared/logger.js'
import { type RunningControlPlane, startControlPlane } from '../start-control-plane.js'

/** Secrets used by every test (never used anywhere else). */
export const testSecrets = {
  LW_GATEWAY_INTERNAL_SECRET: 'test-internal-secret-0123456789abcdef',
  LW_GATEWAY_JWT_SECRET: 'test-jwt-secret-0123456789abcdef0123',
  LW_VIRTUAL_KEY_PEPPER: 'test-pepper-0123456789abcdef01234567',
  CONTROL_PLANE_ADMIN_TOKEN: 'test-admin-token-0123456789',
  CONTROL_PLANE_ENCRYPTION_KEY: '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff',
} as const

/** A test env: loopback on a free port, in-memory PGlite unless overridden. */
export function testEnv(
  overrides: Record<string, string | undefined> = {},
): Record<string, string | undefined> {
  return {
    CONTROL_PLANE_ADDR: '127.0.0.1:0',
    CONTROL_PLANE_DATA_DIR: 'memory://',
    LOG_LEVEL: 'debug',
    ...testSecrets,
    ...overrides,
  }
}

/** A JSON answer. */
export interface JsonResponse {
  status: number
  headers: Headers
  body: unknown
  text: string
}

/** A started test control plane and helpers bound to it. */
export interface Harness {
  cp: RunningControlPlane
  config: ControlPlaneConfig
  /** Every log line written so far. */
  logs: string[]
  /** The injected clock; move it with `advance`. */
  now(): number
  advance(ms: number): void
  /** Admin API call with the admin token (override with `token`). */
  admin(
    method: string,
    path: string,
    body?: unknown,
    options?: { token?: string | null },
  ): Promise<JsonResponse>
  /** Signed internal API call; `path` is relative to /api/internal/gateway. */
  internal(
    method: string,
    path: string,
    body?: unknown,
    options?: {
      timestamp?: number
      secret?: string
      headers?: Record<string, string>
      signal?: AbortSignal
      /** Sent as is instead of `JSON.stringify(body)` (malformed JSON on purpose). */
      rawBody?: string
    },
  ): Promise<JsonResponse>
  close(): Promise<void>
}

async function toJsonResponse(response: Response): Promise<JsonResponse> {
  const text = await response.text()
  let body: unknown = null
  try {
    body = text === '' ? null : JSON.parse(text)
  } catch {
    body = text
  }
  return { status: response.status, headers: response.headers, body, text }
}

/**
 * Starts a control plane for a test file. Call `close()` in afterAll.
 *
 * @example
 * const h = await startHarness()
 * const org = await h.admin('POST', '/organizations', { name: 'Acme' })
 */
export async function startHarness(
  options: { env?: Record<string, string | undefined>; startMs?: number; changesRecheckMs?: number } = {},
): Promise<Harness> {
  let nowMs = options.startMs ?? Date.now()
  const logs: string[] = []
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      logs.push(String(chunk))
      callback()
    },
  })
  const config = loadControlPlaneConfig(testEnv(options.env))
  const logger = createLogger({ level: 'debug', environment: 'test', destination })
  const cp = await startControlPlane(config, {
    logger,
    now: () => nowMs,
    ...(options.changesRecheckMs === undefined ? {} : { changesRecheckMs: options.changesRecheckMs }),
  })
  return {
    cp,
    config,
    logs,
    now: () => nowMs,
    advance(ms) {
      nowMs += ms
    },
    async admin(method, path, body, requestOptions = {}) {
      const token =
        requestOptions.token === undefined ? testSecrets.CONTROL_PLANE_ADMIN_TOKEN : requestOptions.token
      const headers: Record<string, string> = { 'content-type': 'application/json' }
      if (token !== null) headers.authorization = `Bearer ${token}`
      const response = await fetch(`${cp.url}/api/admin${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      })
      return toJsonResponse(response)
    },
    async internal(method, path, body, requestOptions = {}) {
      // A random nonce like the gateway's client adds: identical calls must not replay a signature.
      const nonce = `lw_nonce=${Math.random().toString(36).slice(2)}`
      const fullPath = `/api/internal/gateway${path}${path.includes('?') ? '&' : '?'}${nonce}`
      const raw = requestOptions.rawBody ?? (body === undefined ? '' : JSON.stringify(body))
      const signed = signRequest({
        secret: requestOptions.secret ?? testSecrets.LW_GATEWAY_INTERNAL_SECRET,
        method,
        path: fullPath,
        body: raw,
        timestamp: requestOptions.timestamp ?? Math.floor(nowMs / 1000),
        nodeId: 'gw-test',
      })
      const response = await fetch(`${cp.url}${fullPath}`, {
        method,
        headers: { 'content-type': 'application/json', ...signed.headers, ...requestOptions.headers },
        ...(raw === '' ? {} : { body: raw }),
        ...(requestOptions.signal === undefined ? {} : { signal: requestOptions.signal }),
      })
      return toJsonResponse(response)
    },
    close: () => cp.close(),
  }
}

/** Creates an organization, a project and (optionally) a key through the admin API. */
export async function seedTenant(
  h: Harness,
  options: { slug?: string; keyBody?: Record<string, unknown> } = {},
): Promise<{ organizationId: string; projectId: string; keyId: string; key: string }> {
  const slug = options.slug ?? `org-${Math.random().toString(36).slice(2, 10)}`
  const org = (await h.admin('POST', '/organizations', { name: slug, slug })).body as { id: string }
  const project = (await h.admin('POST', '/projects', { organization_id: org.id, name: 'main' })).body as {
    id: string
  }
  const issued = (
    await h.admin('POST', '/virtual-keys', { project_id: project.id, name: 'k', ...options.keyBody })
  ).body as { key: string; virtual_key: { id: string } }
  return { organizationId: org.id, projectId: project.id, keyId: issued.virtual_key.id, key: issued.key }
}
