// Bearer-token guard for the admin listener, compared in constant time.
import { createHash, timingSafeEqual } from 'node:crypto'
import { GatewayError } from '@gw/contract'
import type { MiddlewareHandler } from 'hono'
import { gatewayErrorResponse } from '../http/error-response.js'

/** The challenge every 401 carries (spec/self-hosting-helm.txt). */
export const adminAuthChallenge = 'Bearer realm=gateway-admin'

const sha256 = (value: string): Buffer => createHash('sha256').update(value).digest()

/**
 * True when `presented` equals the token whose SHA-256 is `expectedDigest`. Hashing both
 * sides gives equal-length inputs, so `timingSafeEqual` leaks neither length nor prefix.
 *
 * @example
 * tokenMatches('s3cret', createHash('sha256').update('s3cret').digest()) // true
 */
export function tokenMatches(presented: string, expectedDigest: Buffer): boolean {
  return timingSafeEqual(sha256(presented), expectedDigest)
}

/**
 * Creates middleware requiring `Authorization: Bearer <token>`; 401 `unauthorized` with
 * `WWW-Authenticate: Bearer realm=gateway-admin` otherwise. Without a token it lets every
 * request through (loopback-only posture, checked at start-up).
 *
 * @example
 * admin.use(createBearerAuth(config.admin.authToken))
 */
export function createBearerAuth(token: string | undefined): MiddlewareHandler {
  if (token === undefined) return (_c, next) => next()
  const expectedDigest = sha256(token)
  return async (c, next) => {
    const header = c.req.header('authorization') ?? ''
    const presented = /^bearer /i.test(header) ? header.slice(7).trim() : undefined
    if (presented !== undefined && tokenMatches(presented, expectedDigest)) return next()
    const message = presented === undefined ? 'Missing bearer token' : 'Invalid bearer token'
    const response = gatewayErrorResponse(new GatewayError('unauthorized', message), 'openai')
    response.headers.set('www-authenticate', adminAuthChallenge)
    return response
  }
}
