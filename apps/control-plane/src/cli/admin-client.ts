// A small HTTP client for the admin API, used by the CLI and seedDemo.
import { readControlPlaneError } from '@gw/contract'

/** An error answer of the admin API (or a transport failure, with status 0). */
export class AdminApiError extends Error {
  override readonly name = 'AdminApiError'
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

/** Options for {@link createAdminClient}. */
export interface AdminClientOptions {
  /** Control-plane base URL, e.g. `http://127.0.0.1:5560`. */
  url: string
  /** `CONTROL_PLANE_ADMIN_TOKEN`. */
  token: string
  /** Default: the global `fetch`. */
  fetch?: typeof fetch
}

/** Calls admin routes; paths are relative to `/api/admin`. */
export interface AdminClient {
  request<T = unknown>(method: string, path: string, body?: unknown): Promise<T>
}

/**
 * Creates an admin client. Non-2xx answers throw {@link AdminApiError} with the envelope's code.
 *
 * @example
 * const admin = createAdminClient({ url: 'http://127.0.0.1:5560', token })
 * const { data } = await admin.request<{ data: unknown[] }>('GET', '/organizations')
 */
export function createAdminClient(options: AdminClientOptions): AdminClient {
  const base = options.url.replace(/\/+$/, '')
  const doFetch = options.fetch ?? fetch
  return {
    async request<T>(method: string, path: string, body?: unknown): Promise<T> {
      let response: Response
      try {
        response = await doFetch(`${base}/api/admin${path}`, {
          method,
          headers: { authorization: `Bearer ${options.token}`, 'content-type': 'application/json' },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        })
      } catch (cause) {
        throw new AdminApiError(
          0,
          'unreachable',
          `Cannot reach the control plane at ${base}: ${(cause as Error).message}`,
        )
      }
      const text = await response.text()
      const json: unknown = text === '' ? null : JSON.parse(text)
      if (!response.ok) {
        const error = readControlPlaneError(json)
        throw new AdminApiError(
          response.status,
          error?.error.code ?? 'http_error',
          error?.error.message ?? `HTTP ${response.status}`,
        )
      }
      return json as T
    },
  }
}
