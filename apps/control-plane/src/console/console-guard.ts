// Middleware: a console page needs a live session; every change also needs the session's CSRF token.
import type { MiddlewareHandler } from 'hono'
import type { ConsoleEnv } from './console-env.js'
import { isCsrfTokenValid, isSameOrigin } from './csrf.js'
import { readSessionCookie } from './session-cookie.js'
import type { SessionStore } from './session-store.js'

const safeMethods = new Set(['GET', 'HEAD'])

/**
 * Builds the guard: no session → the sign-in page (303) or 401 for a change; a change without
 * the right CSRF token or from another origin → 403.
 *
 * @example
 * console.use('*', consoleGuard(sessions))
 */
export function consoleGuard(sessions: SessionStore): MiddlewareHandler<ConsoleEnv> {
  return async (c, next) => {
    const session = sessions.get(readSessionCookie(c))
    const isChange = !safeMethods.has(c.req.method)
    if (session === undefined) {
      if (!isChange) return c.redirect('/console/sign-in', 303)
      return c.text('Your console session has ended: sign in again.', 401)
    }
    if (isChange) {
      if (!isSameOrigin(c.req.header('Origin'), c.req.url)) {
        return c.text('Refused: this change came from another site.', 403)
      }
      const sent = c.req.header('X-CSRF-Token') ?? (await readFormField(c.req.raw, '_csrf'))
      if (!isCsrfTokenValid(session.csrf, sent)) {
        return c.text(
          'Refused: the form is stale or forged (CSRF token missing or wrong). Reload the page.',
          403,
        )
      }
    }
    c.set('session', session)
    await next()
  }
}

async function readFormField(request: Request, name: string): Promise<string | undefined> {
  const type = request.headers.get('content-type') ?? ''
  if (!type.startsWith('application/x-www-form-urlencoded') && !type.startsWith('multipart/form-data'))
    return undefined
  // A clone: the route reads the body again.
  const value = (await request.clone().formData()).get(name)
  return typeof value === 'string' ? value : undefined
}
