// Helpers every console page uses: read from the admin API (or fail with its words), change and redirect.
import type { Context } from 'hono'
import { type ConsoleDeps, type ConsoleEnv, ConsoleReadError } from './console-env.js'

/**
 * Reads from the admin API; a failure becomes an error page with the API's own message.
 *
 * @example
 * const { data } = await readAdmin<{ data: Project[] }>(deps, c, '/projects')
 */
export async function readAdmin<T>(deps: ConsoleDeps, c: Context<ConsoleEnv>, path: string): Promise<T> {
  const answer = await deps.callAdmin<T>(c.env, 'GET', path)
  if (!answer.ok) throw new ConsoleReadError(answer.status, answer.error)
  return answer.data
}

/**
 * Makes a change through the admin API, puts its outcome in the session's flash (the API's
 * message on failure, `done` on success) and redirects to `back` (303, so a reload does not repeat it).
 *
 * @example
 * return changeAdmin(deps, c, 'POST', '/projects', body, 'Project created', '/console/projects')
 */
export async function changeAdmin(
  deps: ConsoleDeps,
  c: Context<ConsoleEnv>,
  method: string,
  path: string,
  body: unknown,
  done: string,
  back: string,
): Promise<Response> {
  const answer = await deps.callAdmin(c.env, method, path, body)
  c.get('session').flash = answer.ok
    ? { kind: 'ok', text: done }
    : { kind: 'error', text: describeApiError(answer.error) }
  return c.redirect(back, 303)
}

/** The API's message, with the field it names when it names one. */
export function describeApiError(error: {
  message: string
  code: string
  meta?: Record<string, unknown>
}): string {
  const field = typeof error.meta?.field === 'string' ? ` (field: ${error.meta.field})` : ''
  return `${error.message}${field} [${error.code}]`
}

/** A form field as a trimmed string ('' when absent or a file). */
export function field(form: Record<string, unknown>, name: string): string {
  const value = form[name]
  return typeof value === 'string' ? value.trim() : ''
}

/** Lines of a textarea, trimmed, empty ones dropped. */
export function lines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
}
