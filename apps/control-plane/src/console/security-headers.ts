// Middleware: the console's strict Content-Security-Policy and the other browser-hardening headers.
import type { MiddlewareHandler } from 'hono'

/**
 * The console's CSP: everything from this origin only, no inline script or style, no framing,
 * forms post only here. Charts and the client script are files served under /console/assets.
 */
export const consoleContentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ')

/**
 * Sets the CSP and friends on every console answer; pages are never cached (a minted key is on one).
 *
 * @example
 * console.use('*', securityHeaders())
 */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next()
    c.header('Content-Security-Policy', consoleContentSecurityPolicy)
    c.header('X-Content-Type-Options', 'nosniff')
    c.header('X-Frame-Options', 'DENY')
    // same-origin, not no-referrer: with no-referrer a browser sends `Origin: null` on form posts,
    // which the same-origin check must refuse. Keys and tokens are never in URLs anyway.
    c.header('Referrer-Policy', 'same-origin')
    c.header('Cross-Origin-Opener-Policy', 'same-origin')
    if (!c.req.path.startsWith('/console/assets/')) c.header('Cache-Control', 'no-store')
  }
}
