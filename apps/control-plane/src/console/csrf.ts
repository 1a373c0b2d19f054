// CSRF checks of the console: the session's token echoed by the form (or header), and a same-origin Origin.
import { createHash, timingSafeEqual } from 'node:crypto'

const digest = (value: string) => createHash('sha256').update(value).digest()

/**
 * True when `sent` equals the session's token; constant time, whatever the lengths.
 *
 * @example
 * if (!isCsrfTokenValid(session.csrf, form._csrf)) refuse()
 */
export function isCsrfTokenValid(expected: string, sent: unknown): boolean {
  if (typeof sent !== 'string' || sent === '') return false
  return timingSafeEqual(digest(expected), digest(sent))
}

/**
 * True when the request's Origin (if the browser sent one) is the console's own origin.
 * Browsers send Origin on every cross-site POST, so a mismatch is a forged request.
 *
 * @example
 * isSameOrigin(c.req.header('Origin'), c.req.url) // true for the console's own forms
 */
export function isSameOrigin(origin: string | undefined, requestUrl: string): boolean {
  if (origin === undefined) return true
  if (origin === 'null') return false
  try {
    return new URL(origin).host === new URL(requestUrl).host
  } catch {
    return false
  }
}
