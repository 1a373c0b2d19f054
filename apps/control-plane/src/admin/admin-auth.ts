// Middleware: /api/admin/* requires `Authorization: Bearer <CONTROL_PLANE_ADMIN_TOKEN>`, compared in constant time.
import { createHash, timingSafeEqual } from 'node:crypto'
import { GatewayError } from '@gw/contract'
import type { MiddlewareHandler } from 'hono'

function digest(value: string): Buffer {
  // Hashing first gives equal-length buffers, so the compare leaks neither content nor length.
  return createHash('sha256').update(value).digest()
}

/**
 * Builds the admin bearer check; 401 `unauthorized` when the header is missing or wrong.
 *
 * @example
 * admin.use('*', adminAuth({ token: config.controlPlane.adminToken }))
 */
export function adminAuth(options: { token: string }): MiddlewareHandler {
  if (options.token === '') throw new Error('adminAuth: token must not be empty')
  const expected = digest(options.token)
  return async (c, next) => {
    const header = c.req.header('Authorization') ?? ''
    const match = /^Bearer[ ]+(.+)$/i.exec(header)
    if (match === null || !timingSafeEqual(digest(match[1] ?? ''), expected)) {
      throw new GatewayError('unauthorized', 'Missing or invalid admin token (Authorization: Bearer …)')
    }
    await next()
  }
}
