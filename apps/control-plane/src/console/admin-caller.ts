// The console's only way to read or change anything: a request to the admin API, dispatched in-process.
import type { ConsoleApiError } from './console-env.js'

/** Dispatches a request to the control plane's own app (its `fetch`), so the admin API's auth,
 * validation and error envelope apply unchanged. */
export type AppFetch = (request: Request, env: unknown) => Response | Promise<Response>

/** An admin API answer: the parsed body, or the API's own error envelope. */
export type AdminAnswer<T> =
  | { ok: true; status: number; data: T }
  | { ok: false; status: number; error: ConsoleApiError }

/** Calls `/api/admin<path>` with the configured admin token; the token never reaches a browser. */
export type AdminCaller = <T>(
  env: unknown,
  method: string,
  path: string,
  body?: unknown,
) => Promise<AdminAnswer<T>>

/**
 * Builds the admin caller.
 *
 * @example
 * const callAdmin = createAdminCaller({ fetch: (request, env) => app.fetch(request, env), token })
 * const orgs = await callAdmin<{ data: Organization[] }>(c.env, 'GET', '/organizations')
 */
export function createAdminCaller(options: { fetch: AppFetch; token: string }): AdminCaller {
  return async <T>(env: unknown, method: string, path: string, body?: unknown): Promise<AdminAnswer<T>> => {
    const headers: Record<string, string> = { authorization: `Bearer ${options.token}` }
    if (body !== undefined) headers['content-type'] = 'application/json'
    const request = new Request(`http://control-plane.internal/api/admin${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    const response = await options.fetch(request, env)
    const text = await response.text()
    const parsed: unknown = text === '' ? null : JSON.parse(text)
    if (response.ok) return { ok: true, status: response.status, data: parsed as T }
    const envelope = (parsed as { error?: ConsoleApiError } | null)?.error
    return {
      ok: false,
      status: response.status,
      error: envelope ?? { type: 'api_error', code: 'internal_error', message: `HTTP ${response.status}` },
    }
  }
}

/**
 * Builds the sign-in check: the admin API itself decides whether a token is the admin token
 * (its constant-time compare), by answering a harmless read made with it.
 *
 * @example
 * if (await createTokenCheck(fetch)(c.env, form.token)) startSession()
 */
export function createTokenCheck(fetch: AppFetch): (env: unknown, token: string) => Promise<boolean> {
  return async (env, token) => {
    let request: Request
    try {
      request = new Request('http://control-plane.internal/api/admin/organizations', {
        headers: { authorization: `Bearer ${token}` },
      })
    } catch {
      return false // not even a valid header value
    }
    const response = await fetch(request, env)
    await response.arrayBuffer()
    return response.ok
  }
}
