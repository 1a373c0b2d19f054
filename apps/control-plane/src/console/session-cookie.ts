// The console's session cookie: HttpOnly, SameSite=Strict, Path=/console, Secure when served over TLS.
import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'

/** Name of the session cookie. */
export const sessionCookieName = 'gw_console_session'

// Behind a TLS-terminating proxy the request URL is http: the proxy's X-Forwarded-Proto says https.
// Trusting it can only add the Secure flag, never remove it.
function isTls(c: Context): boolean {
  return new URL(c.req.url).protocol === 'https:' || c.req.header('X-Forwarded-Proto') === 'https'
}

/**
 * Sets the cookie holding a new session id.
 *
 * @example
 * writeSessionCookie(c, id, sessions.maxAgeSeconds)
 */
export function writeSessionCookie(c: Context, id: string, maxAgeSeconds: number): void {
  setCookie(c, sessionCookieName, id, {
    path: '/console',
    httpOnly: true,
    sameSite: 'Strict',
    secure: isTls(c),
    maxAge: maxAgeSeconds,
  })
}

/** The session id the browser sent, if any. */
export function readSessionCookie(c: Context): string | undefined {
  return getCookie(c, sessionCookieName)
}

/** Expires the cookie (sign-out). */
export function clearSessionCookie(c: Context): void {
  deleteCookie(c, sessionCookieName, { path: '/console', secure: isTls(c) })
}
